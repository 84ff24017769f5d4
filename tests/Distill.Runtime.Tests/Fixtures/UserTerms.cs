using static TorchSharp.torch;

namespace Distill.Runtime.Tests.Fixtures;

/// <summary>Well-formed user terms and a schedule, nested so that their ClrType shows the '.' nesting rule.</summary>
public static class UserTerms
{
    /// <summary>Every parameter kind; reads the student feature at its tap; loss = mean(feature) * scale + offset.</summary>
    [DistillTerm("probe", Description = "test probe", Paper = "none")]
    [TermInput("student", "embedding", TapParameter = "at", Description = "features")]
    [TermInput("", "labels", ClassIndices = true)]
    public sealed class ProbeTerm : ProbeBase
    {
        [TermParameter(Name = "scale", Default = 1.0, Min = 0, MinExclusive = true)]
        public double Scale { get; set; } = 1;

        [TermParameter(Name = "count", Default = 2, Min = 1, Max = 10, MaxExclusive = true)]
        public int Count { get; set; } = 2;

        [TermParameter(Name = "flag", Default = false)]
        public bool Flag { get; set; }

        [TermParameter(Name = "mode", Default = ProbeMode.BatchMean)]
        public ProbeMode Mode { get; set; } = ProbeMode.BatchMean;

        [TermParameter(Name = "at", Default = "embedding")]
        public string At { get; set; } = "embedding";

        [TermParameter(Name = "limit", Group = "")]
        public double? Limit { get; set; }

        public override Tensor Forward(TermContext context) =>
            context.Input("student", At).mean() * Scale + Offset;
    }

    /// <summary>A stateful term: counts its AfterForward calls in a state tensor.</summary>
    [DistillTerm("counter")]
    [TermInput("student", "logits")]
    public sealed class CounterTerm : LossTerm
    {
        private Tensor _count = zeros(1, dtype: ScalarType.Float64);

        public int AfterForwardCalls { get; private set; }

        public override Tensor Forward(TermContext context) => context.Input("StudentLogits").sum();

        public override void AfterForward(TermContext context)
        {
            AfterForwardCalls++;
            _count.add_(1);
        }

        public override System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, Tensor>> State =>
            [new("count", _count)];

        public override void LoadState(System.Collections.Generic.IReadOnlyDictionary<string, Tensor> state, Device device) =>
            _count = state["count"].to(device).clone();
    }

    /// <summary>A user schedule: a constant factor.</summary>
    [DistillSchedule("constant", Description = "a constant factor")]
    public sealed class ConstantSchedule : Schedule
    {
        [TermParameter(Name = "value")]
        public double Value { get; set; }

        public override double Factor(TrainingProgress progress) => Value;
    }
}
