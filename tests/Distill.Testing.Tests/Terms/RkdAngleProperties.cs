using Distill.Runtime.Terms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Distill.Testing.Tests.Cases;

namespace Distill.Testing.Tests.Terms;

public class RkdAngleProperties
{
    private static readonly Gen<TermInputs> Features = Gens.FeaturePair(minRows: 2);

    [Property(MaxTest = 30)]
    public Property Invariant_under_rotations_of_either_side() =>
        Prop.ForAll(WithRotations(Features), c => LawResult.All("both sides",
            Laws.RotationInvariant(new RkdAngleTerm(), c.x, S, c.qs),
            Laws.RotationInvariant(new RkdAngleTerm(), c.x, T, c.qt)));

    [Property(MaxTest = 30)]
    public Property Invariant_under_translations_of_either_side() =>
        Prop.ForAll(WithShifts(Features), c => LawResult.All("both sides",
            Laws.TranslationInvariant(new RkdAngleTerm(), c.x, S, c.bs),
            Laws.TranslationInvariant(new RkdAngleTerm(), c.x, T, c.bt)));

    [Property(MaxTest = 30)]
    public Property Invariant_under_uniform_scaling_of_either_side() =>
        Prop.ForAll(WithFactor(Features), c => LawResult.All("both sides",
            Laws.ScaleInvariant(new RkdAngleTerm(), c.x, S, c.c),
            Laws.ScaleInvariant(new RkdAngleTerm(), c.x, T, c.c)));

    /// <summary>The hand-written backward pass agrees with central differences, for one block and for several.</summary>
    [Property(MaxTest = 30)]
    public Property Gradient_matches_finite_differences() =>
        Prop.ForAll(WithSeed(Features), c => LawResult.All("chunk sizes",
            Laws.MatchesFiniteDifferences(new RkdAngleTerm(), c.x, c.seed),
            Laws.MatchesFiniteDifferences(new RkdAngleTerm { Chunk = 1 }, c.x, c.seed),
            Laws.MatchesFiniteDifferences(new RkdAngleTerm { Chunk = 3 }, c.x, c.seed)));

    [Property(MaxTest = 30)]
    public Property Chunking_changes_neither_value_nor_gradient() =>
        Prop.ForAll(Features.ToArbitrary(), x =>
        {
            var whole = TermProbe.Evaluate(new RkdAngleTerm { Chunk = x.Rows(S) }, x);
            return LawResult.All("chunk 2",
                Laws.ValueEquals(new RkdAngleTerm { Chunk = 2 }, x, whole.Value),
                Laws.GradientEquals(new RkdAngleTerm { Chunk = 2 }, x, S, whole.Gradients[S], rtol: 1e-9, atol: 1e-12));
        });

    [Property(MaxTest = 40)]
    public Property Is_finite_on_degenerate_batches() =>
        Prop.ForAll(Gens.Degenerate(Features, S, T).ToArbitrary(), x => Laws.FiniteGradients(new RkdAngleTerm(), x));

    [Property(MaxTest = 20)]
    /// <summary>The fused loop (chunk 0) and blocks of 1 and 2 anchors.</summary>
    public Property Stays_connected_to_the_student_for_every_valid_parameter() =>
        Prop.ForAll((from x in Features from k in Gen.Elements(0, 1, 2) select (x, k)).ToArbitrary(),
            c => Laws.ConnectedToStudent(new RkdAngleTerm { Chunk = c.k }, c.x));
}
