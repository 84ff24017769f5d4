using Distill.Runtime.Terms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Distill.Testing.Tests.Cases;

namespace Distill.Testing.Tests.Terms;

public class SpProperties
{
    private static readonly Gen<TermInputs> Features = Gens.FeaturePair(minRows: 1);

    [Property(MaxTest = 30)]
    public Property Invariant_under_orthogonal_maps_of_either_feature_space() =>
        Prop.ForAll(WithRotations(Features), c => LawResult.All("both sides",
            Laws.RotationInvariant(new SpTerm(), c.x, S, c.qs),
            Laws.RotationInvariant(new SpTerm(), c.x, T, c.qt)));

    [Property(MaxTest = 30)]
    public Property Invariant_under_scaling_of_either_side_even_by_a_negative_factor() =>
        Prop.ForAll(WithFactor(Features), c => LawResult.All("both sides",
            Laws.ScaleInvariant(new SpTerm(), c.x, S, c.c),
            Laws.ScaleInvariant(new SpTerm(), c.x, T, -c.c)));

    [Property(MaxTest = 30)]
    public Property Is_zero_when_the_student_is_a_multiple_of_the_teacher() =>
        Prop.ForAll(WithFactor(Gens.FeaturePair(minRows: 1, sameDim: true)),
            c => Laws.ZeroAt(new SpTerm(), c.x.With(S, Reference.Scale(c.x.Matrix(T), c.c))));

    [Property(MaxTest = 30)]
    public Property Gradient_matches_finite_differences() =>
        Prop.ForAll(WithSeed(Features), c => Laws.MatchesFiniteDifferences(new SpTerm(), c.x, c.seed));

    [Property(MaxTest = 40)]
    public Property Is_finite_on_degenerate_batches() =>
        Prop.ForAll(Gens.Degenerate(Features, S, T).ToArbitrary(), x => Laws.FiniteGradients(new SpTerm(), x));

    [Property(MaxTest = 20)]
    /// <summary>The student always; with detach_teacher = false the teacher too.</summary>
    public Property Stays_connected_to_the_student_for_every_valid_parameter() =>
        Prop.ForAll(Features.ToArbitrary(), x => LawResult.All("both settings of detach_teacher",
            Laws.ConnectedToStudent(new SpTerm(), x), Laws.ConnectedToStudent(new SpTerm { DetachTeacher = false }, x, [S, T])));
}
