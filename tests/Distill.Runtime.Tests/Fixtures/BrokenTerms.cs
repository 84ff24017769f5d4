using static TorchSharp.torch;

namespace Distill.Runtime.Tests.Fixtures;

/// <summary>Terms that break a catalogue rule each; the reflection reader must reject every one.</summary>
public static class BrokenTerms
{
    public enum SnakeMode
    {
        Good,
        not_pascal,
    }

    [DistillTerm("bad_type")]
    public sealed class FloatParameterTerm : LossTerm
    {
        [TermParameter]
        public float Weight { get; set; }

        public override Tensor Forward(TermContext context) => zeros(1);
    }

    [DistillTerm("bad_enum")]
    public sealed class SnakeEnumTerm : LossTerm
    {
        [TermParameter(Default = SnakeMode.Good)]
        public SnakeMode Mode { get; set; }

        public override Tensor Forward(TermContext context) => zeros(1);
    }

    [DistillTerm("bad_tap")]
    [TermInput("student", "embedding", TapParameter = "nope")]
    public sealed class MissingTapTerm : LossTerm
    {
        public override Tensor Forward(TermContext context) => zeros(1);
    }

    [DistillTerm("not_a_term")]
    public sealed class NotALossTerm;

    [DistillTerm("twice")]
    public sealed class DuplicateParameterTerm : LossTerm
    {
        [TermParameter(Name = "x")]
        public double A { get; set; }

        [TermParameter(Name = "x")]
        public double B { get; set; }

        public override Tensor Forward(TermContext context) => zeros(1);
    }

    /// <summary>Generated code could not name it.</summary>
    [DistillTerm("hidden")]
    private sealed class PrivateTerm : LossTerm
    {
        public override Tensor Forward(TermContext context) => zeros(1);
    }

    public static System.Type Private => typeof(PrivateTerm);
}
