using Distill.Runtime.Terms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Distill.Testing.Tests.Cases;

namespace Distill.Testing.Tests.Terms;

public class RkdDistanceProperties
{
    private static readonly Gen<TermInputs> Features = Gens.FeaturePair(minRows: 2);

    [Property(MaxTest = 30)]
    public Property Invariant_under_rotations_of_either_side() =>
        Prop.ForAll(WithRotations(Features), c => LawResult.All("both sides",
            Laws.RotationInvariant(new RkdDistanceTerm(), c.x, S, c.qs),
            Laws.RotationInvariant(new RkdDistanceTerm(), c.x, T, c.qt)));

    [Property(MaxTest = 30)]
    public Property Invariant_under_translations_of_either_side() =>
        Prop.ForAll(WithShifts(Features), c => LawResult.All("both sides",
            Laws.TranslationInvariant(new RkdDistanceTerm(), c.x, S, c.bs),
            Laws.TranslationInvariant(new RkdDistanceTerm(), c.x, T, c.bt)));

    [Property(MaxTest = 30)]
    public Property Invariant_under_uniform_scaling_of_either_side() =>
        Prop.ForAll(WithFactor(Features), c => LawResult.All("both sides",
            Laws.ScaleInvariant(new RkdDistanceTerm(), c.x, S, c.c),
            Laws.ScaleInvariant(new RkdDistanceTerm(), c.x, T, c.c)));

    [Property(MaxTest = 20)]
    public Property Is_zero_for_two_rows() =>
        Prop.ForAll(Gens.FeaturePair(minRows: 2, maxRows: 2).ToArbitrary(), x => Laws.ZeroAt(new RkdDistanceTerm(), x));

    [Property(MaxTest = 30)]
    public Property Gradient_matches_finite_differences() =>
        Prop.ForAll(WithSeed(Features), c => Laws.MatchesFiniteDifferences(new RkdDistanceTerm(), c.x, c.seed));

    [Property(MaxTest = 40)]
    public Property Is_finite_on_degenerate_batches() =>
        Prop.ForAll(Gens.Degenerate(Features, S, T).ToArbitrary(), x => Laws.FiniteGradients(new RkdDistanceTerm(), x));

    [Property(MaxTest = 20)]
    /// <summary>No parameters; N = 2 gives a constant 0.</summary>
    public Property Stays_connected_to_the_student_for_every_valid_parameter() =>
        Prop.ForAll(Features.ToArbitrary(), x => Laws.ConnectedToStudent(new RkdDistanceTerm(), x));
}
