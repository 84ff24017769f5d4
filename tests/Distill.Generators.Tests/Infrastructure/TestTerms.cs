namespace Distill.Generators.Tests
{
    /// <summary>User-defined terms and a schedule, as C# source of a consumer project.</summary>
    internal static class TestTerms
    {
        public const string Source = """
            using Distill.Runtime;
            using TorchSharp;
            using static TorchSharp.torch;

            namespace MyApp.Terms
            {
                public enum Mode { Mean, BatchMean }

                [DistillTerm("mine", Description = "a user term", Paper = "none")]
                [TermInput("student", "logits")]
                [TermInput("teacher", "embedding", TapParameter = "at")]
                [TermInput("", "labels", ClassIndices = true)]
                public sealed class MineTerm : LossTerm
                {
                    [TermParameter(Default = 4.0, Min = 0, MinExclusive = true)]
                    public double T { get; set; } = 4;

                    [TermParameter(Name = "queue", Default = 16, Min = 1)]
                    public int QueueSize { get; set; } = 16;

                    [TermParameter(Default = Mode.BatchMean)]
                    public Mode Mode { get; set; } = Mode.BatchMean;

                    [TermParameter(Name = "at", Default = "embedding")]
                    public string At { get; set; } = "embedding";

                    [TermParameter(Name = "flag", Default = false, Description = "a switch")]
                    public bool Flag { get; set; }

                    public override Tensor Forward(TermContext context) => context.Input("StudentLogits").sum() * T;
                }

                [DistillSchedule("ramp", Description = "ramps up")]
                public sealed class RampSchedule : Schedule
                {
                    [TermParameter(Name = "epochs", Group = "length", Min = 0, MinExclusive = true)]
                    public double? Epochs { get; set; }

                    [TermParameter(Name = "steps", Group = "length", Min = 1)]
                    public long? Steps { get; set; }

                    public override double Factor(TrainingProgress progress) => 1;
                }
            }
            """;
    }
}
