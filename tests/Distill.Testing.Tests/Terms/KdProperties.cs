using Distill.Runtime.Terms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Distill.Testing.Tests.Terms;

public class KdProperties
{
    private static readonly Gen<TermInputs> Logits = Gens.LogitPair();

    [Property(MaxTest = 60)]
    public Property Kd_is_non_negative() =>
        Prop.ForAll((from x in Logits from t in Gens.Positive(0.5, 8) select (x, t)).ToArbitrary(),
            c => Laws.NonNegative(new KdTerm { T = c.t }, c.x));

    [Property(MaxTest = 40)]
    public Property Kd_is_zero_with_zero_gradient_at_equal_logits() =>
        Prop.ForAll(Logits.ToArbitrary(), x => Laws.ZeroAtIdentity(new KdTerm(), x, "TeacherLogits", "StudentLogits"));

    [Property(MaxTest = 40)]
    public Property Kd_is_zero_when_logits_differ_by_a_constant_per_row() =>
        Prop.ForAll((from x in Logits from b in Gens.Vector(x.Rows("TeacherLogits"), 10) select (x, b)).ToArbitrary(),
            c => Laws.ZeroAt(new KdTerm(), c.x.With("StudentLogits", ShiftRows(c.x.Matrix("TeacherLogits"), c.b)), atol: 1e-8));

    [Property(MaxTest = 40)]
    public Property Kd_gradient_is_T_over_N_times_the_probability_gap() =>
        Prop.ForAll(Logits.ToArbitrary(), x =>
        {
            var q = Reference.Softmax(x.Matrix("StudentLogits"), 4);
            var p = Reference.Softmax(x.Matrix("TeacherLogits"), 4);
            double n = q.GetLength(0);
            for (int i = 0; i < q.GetLength(0); i++)
                for (int j = 0; j < q.GetLength(1); j++) q[i, j] = 4 / n * (q[i, j] - p[i, j]);
            return Laws.GradientEquals(new KdTerm { T = 4 }, x, "StudentLogits", q);
        });

    [Property(MaxTest = 30)]
    public Property Kd_gradient_matches_finite_differences() =>
        Prop.ForAll(Cases.WithSeed(from n in Gen.Choose(1, 6) from c in Gen.Choose(2, 6)
                                   from s in Gens.Matrix(n, c, 5) from t in Gens.Matrix(n, c, 5)
                                   select TermInputs.Empty.With("StudentLogits", s).With("TeacherLogits", t)),
            c => Laws.MatchesFiniteDifferences(new KdTerm { T = 2 }, c.x, c.seed));

    [Property(MaxTest = 60)]
    public Property Kd_is_finite_on_degenerate_batches() =>
        Prop.ForAll(Gens.WithDuplicateRow(Logits, "StudentLogits", "TeacherLogits").ToArbitrary(),
            x => Laws.FiniteGradients(new KdTerm(), x));

    /// <summary>Row i plus the constant b[i].</summary>
    private static double[,] ShiftRows(double[,] m, double[] b)
    {
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++) m[i, j] += b[i];
        return m;
    }

    [Property(MaxTest = 20)]
    /// <summary>Small and large temperatures.</summary>
    public Property Stays_connected_to_the_student_for_every_valid_parameter() =>
        Prop.ForAll((from x in Logits from t in Gen.Elements(0.05, 1.0, 4.0, 100.0) select (x, t)).ToArbitrary(),
            c => Laws.ConnectedToStudent(new KdTerm { T = c.t }, c.x));
}
