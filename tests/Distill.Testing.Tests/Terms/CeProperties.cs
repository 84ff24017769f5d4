using Distill.Runtime.Terms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Distill.Testing.Tests.Terms;

public class CeProperties
{
    private static Gen<TermInputs> BatchOf(System.Func<int, int, Gen<double[,]>> logits) =>
        from n in Gen.Choose(1, 8)
        from c in Gen.Choose(1, 6)
        from z in logits(n, c)
        from y in Gens.Labels(n, c)
        select TermInputs.Empty.With("StudentLogits", z).With("Labels", y);

    private static readonly Gen<double> Smoothing = Gen.Choose(0, 90).Select(k => k / 100.0);

    [Property(MaxTest = 40)]
    public Property Is_non_negative() =>
        Prop.ForAll((from x in BatchOf(Gens.Logits) from e in Smoothing select (x, e)).ToArbitrary(),
            c => Laws.NonNegative(new CeTerm { LabelSmoothing = c.e }, c.x));

    [Property(MaxTest = 30)]
    public Property Gradient_matches_finite_differences() =>
        Prop.ForAll((from x in BatchOf((n, c) => Gens.Matrix(n, c, 5)) from e in Smoothing from seed in Gen.Choose(0, 1 << 30) select (x, e, seed)).ToArbitrary(),
            c => Laws.MatchesFiniteDifferences(new CeTerm { LabelSmoothing = c.e }, c.x, c.seed));

    [Property(MaxTest = 40)]
    public Property Is_finite_on_extreme_logits_duplicate_rows_and_one_class() =>
        Prop.ForAll(Gens.WithDuplicateRow(BatchOf(Gens.Logits), "StudentLogits").ToArbitrary(), x => Laws.FiniteGradients(new CeTerm(), x));

    [Property(MaxTest = 20)]
    /// <summary>Every label smoothing in [0, 1), including 0 and near 1.</summary>
    public Property Stays_connected_to_the_student_for_every_valid_parameter() =>
        Prop.ForAll((from x in BatchOf(Gens.Logits) from e in Gen.Elements(0.0, 0.5, 0.99) select (x, e)).ToArbitrary(),
            c => Laws.ConnectedToStudent(new CeTerm { LabelSmoothing = c.e }, c.x));
}
