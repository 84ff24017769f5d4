using Distill.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Distill.Examples.CustomTerm.Tests;

/// <summary>The invariants of <see cref="CosineTerm"/>, each a law from Distill.Testing over generated batches.</summary>
public class CosineTermProperties
{
    private const string S = "StudentEmbedding", T = "TeacherEmbedding";

    /// <summary>Student and teacher features of one width, 1 to 8 rows.</summary>
    private static readonly Gen<TermInputs> Features = Gens.FeaturePair(minRows: 1, sameDim: true);

    [Property]
    public Property Is_non_negative() =>
        Prop.ForAll(Gens.Arbitrary(Features), x => Laws.NonNegative(new CosineTerm(), x));

    [Property]
    public Property Is_zero_with_zero_gradient_when_the_student_equals_the_teacher() =>
        Prop.ForAll(Gens.Arbitrary(Features), x => Laws.ZeroAtIdentity(new CosineTerm(), x, copyFrom: T, copyTo: S));

    [Property]
    public Property Ignores_the_length_of_each_student_row() =>
        Prop.ForAll(Gens.Arbitrary(from x in Features from c in Gen.ArrayOf(Gens.Positive(0.1, 10), x.Rows(S)) select (x, c)),
            p => Laws.RowScaleInvariant(new CosineTerm(), p.Inputs, S, p.Extra));

    [Property]
    public Property Ignores_a_rotation_of_both_feature_spaces_together() =>
        Prop.ForAll(Gens.Arbitrary(from x in Features from q in Gens.Orthogonal(x.Columns(S)) select (x, q)),
            p => Laws.JointRotationInvariant(new CosineTerm(), p.Inputs, p.Extra, S, T));

    [Property]
    public Property Gradient_matches_finite_differences() =>
        Prop.ForAll(Gens.Arbitrary(from x in Features from seed in Gen.Choose(0, 1 << 30) select (x, seed)),
            p => Laws.MatchesFiniteDifferences(new CosineTerm(), p.Inputs, p.Extra));

    [Property]
    public Property Stays_finite_with_zero_and_duplicate_rows() =>
        Prop.ForAll(Gens.Arbitrary(Gens.Degenerate(Features, S, T)), x => Laws.FiniteGradients(new CosineTerm(), x));
}
