using System;
using System.Linq;
using Distill.Runtime.Terms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Distill.Testing.Tests.Cases;

namespace Distill.Testing.Tests.Terms;

public class SeedProperties
{
    private const int QueueSize = 12;

    /// <summary>N in {1, 2, 3, 4} (divisors of the queue size), equal widths, a queue of unit rows.</summary>
    private static readonly Gen<TermInputs> Batch =
        from n in Gen.Elements(1, 2, 3, 4)
        from d in Gen.Choose(1, 4)
        from s in Gens.Matrix(n, d)
        from t in Gens.Matrix(n, d)
        from q in Gens.Matrix(QueueSize, d).Where(m => RowsNonZero(m))
        select TermInputs.Empty.With(S, s).With(T, t).With("Queue", Reference.NormalizeRows(q));

    private static SeedOverQueue Seed(double studentTemp = 0.2, double teacherTemp = 1e-4) =>
        new(new SeedTerm { Queue = QueueSize, StudentTemp = studentTemp, TeacherTemp = teacherTemp });

    [Property(MaxTest = 40)]
    public Property Invariant_under_permuting_the_queue() =>
        Prop.ForAll((from x in Batch from p in Gens.Permutation(QueueSize) select (x, p)).ToArbitrary(),
            c => Laws.RowPermutationInvariant(Seed(), c.x, c.p, "Queue"));

    [Property(MaxTest = 30)]
    public Property Invariant_under_one_orthogonal_map_of_student_teacher_and_queue() =>
        Prop.ForAll((from x in Batch from q in Gens.Orthogonal(x.Columns(S)) select (x, q)).ToArbitrary(), c =>
            Laws.JointRotationInvariant(Seed(studentTemp: 0.5, teacherTemp: 0.1), c.x, c.q, S, T, "Queue"));

    [Property(MaxTest = 30)]
    public Property Invariant_under_positive_per_row_scaling_of_either_side() =>
        Prop.ForAll(WithRowFactors(Batch, S), c => LawResult.All("both sides",
            Laws.RowScaleInvariant(Seed(), c.x, S, c.c),
            Laws.RowScaleInvariant(Seed(), c.x, T, c.c)));

    /// <summary>With τ_s = τ_t the student's distribution equals the teacher's at ŝ = t̂: zero gradient, value H(p_t).</summary>
    [Property(MaxTest = 30)]
    public Property Equal_temperatures_and_equal_embeddings_give_zero_gradient_and_the_teacher_entropy() =>
        Prop.ForAll((from x in Batch from tau in Gens.Positive(0.05, 1) select (x, tau)).ToArbitrary(), c =>
        {
            var x = c.x.With(S, c.x.Matrix(T));
            var term = Seed(c.tau, c.tau);
            return LawResult.All("ŝ = t̂",
                Laws.GradientEquals(term, x, S, new double[x.Rows(S), x.Columns(S)], atol: 1e-9),
                Laws.ValueEquals(term, x, TeacherEntropy(x.Matrix(T), x.Matrix("Queue"), c.tau), rtol: 1e-8));
        });

    [Property(MaxTest = 30)]
    public Property Gradient_matches_finite_differences() =>
        Prop.ForAll(WithSeed(Batch), c => Laws.MatchesFiniteDifferences(Seed(), c.x, c.seed, [S]));

    [Property(MaxTest = 40)]
    public Property Is_finite_on_degenerate_batches() =>
        Prop.ForAll(Gen.OneOf(Batch, Gens.Degenerate(Batch, S, T)).ToArbitrary(), x => Laws.FiniteGradients(Seed(), x));

    /// <summary>Mean over rows of H(softmax([t̂·t̂, t̂·q₁, …] / τ)).</summary>
    private static double TeacherEntropy(double[,] teacher, double[,] queue, double tau)
    {
        var t = Reference.NormalizeRows(teacher);
        int n = t.GetLength(0), d = t.GetLength(1), k = queue.GetLength(0);
        var logits = new double[n, k + 1];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= k; j++)
                logits[i, j] = Enumerable.Range(0, d).Sum(c => t[i, c] * (j == 0 ? t[i, c] : queue[j - 1, c]));
        var p = Reference.Softmax(logits, tau);
        double h = 0;
        foreach (double v in p) h -= v > 0 ? v * Math.Log(v) : 0;
        return h / n;
    }

    private static bool RowsNonZero(double[,] m) =>
        Enumerable.Range(0, m.GetLength(0)).All(i => Enumerable.Range(0, m.GetLength(1)).Any(j => m[i, j] != 0));

    [Property(MaxTest = 20)]
    /// <summary>Teacher temperatures that do and do not underflow.</summary>
    public Property Stays_connected_to_the_student_for_every_valid_parameter() =>
        Prop.ForAll((from x in Batch from t in Gen.Elements(1e-4, 0.2, 2.0) select (x, t)).ToArbitrary(),
            c => Laws.ConnectedToStudent(Seed(teacherTemp: c.t), c.x));
}
