using Distill.Runtime.Terms;
using Distill.Testing.Tests.Planted;
using FsCheck;
using FsCheck.Fluent;

namespace Distill.Testing.Tests.LawChecks;

/// <summary>
/// Each value and gradient law holds for the real KD and refutes a KD with a planted bug: a law
/// that cannot fail proves nothing.
/// </summary>
public class KdLawTests
{
    private static readonly Arbitrary<TermInputs> Logits = Gens.Arbitrary(Gens.LogitPair(minClasses: 2));

    private static double[,] KdGradient(TermInputs x, double temperature)
    {
        var q = Reference.Softmax(x.Matrix("StudentLogits"), temperature);
        var p = Reference.Softmax(x.Matrix("TeacherLogits"), temperature);
        double n = q.GetLength(0);
        for (int i = 0; i < q.GetLength(0); i++)
            for (int j = 0; j < q.GetLength(1); j++) q[i, j] = temperature / n * (q[i, j] - p[i, j]);
        return q;
    }

    /// <summary>T²/N · Σ p·(log p − log q), from max-subtracted softmaxes (0·log 0 = 0).</summary>
    private static double KdValue(TermInputs x, double temperature)
    {
        var p = Reference.Softmax(x.Matrix("TeacherLogits"), temperature);
        var s = x.Matrix("StudentLogits");
        var t = x.Matrix("TeacherLogits");
        double sum = 0;
        for (int i = 0; i < p.GetLength(0); i++)
            for (int j = 0; j < p.GetLength(1); j++)
                if (p[i, j] > 0) sum += p[i, j] * (LogSoftmax(t, i, j, temperature) - LogSoftmax(s, i, j, temperature));
        return temperature * temperature * sum / p.GetLength(0);
    }

    private static double LogSoftmax(double[,] x, int i, int j, double temperature)
    {
        double max = double.NegativeInfinity, sum = 0;
        for (int k = 0; k < x.GetLength(1); k++) max = System.Math.Max(max, x[i, k] / temperature);
        for (int k = 0; k < x.GetLength(1); k++) sum += System.Math.Exp(x[i, k] / temperature - max);
        return x[i, j] / temperature - max - System.Math.Log(sum);
    }

    [Fact]
    public void GradientEquals_catches_kd_without_T_squared()
    {
        Verify.Holds(Prop.ForAll(Logits, x => Laws.GradientEquals(new KdTerm { T = 4 }, x, "StudentLogits", KdGradient(x, 4))));
        var report = Verify.Refuted(Prop.ForAll(Logits, x => Laws.GradientEquals(new PlantedKd(KdBug.WithoutTSquared), x, "StudentLogits", KdGradient(x, 4))));
        Assert.Contains("GradientEquals", report);
    }

    [Fact]
    public void ValueEquals_catches_kd_without_T_squared()
    {
        Verify.Holds(Prop.ForAll(Logits, x => Laws.ValueEquals(new KdTerm { T = 4 }, x, KdValue(x, 4))));
        var report = Verify.Refuted(Prop.ForAll(Logits, x => Laws.ValueEquals(new PlantedKd(KdBug.WithoutTSquared), x, KdValue(x, 4))));
        Assert.Contains("ValueEquals", report);
        // The report is readable: the batch shrank (to one row: the bug shows on any row whose
        // student and teacher differ) and FsCheck prints it, not "<null>".
        Assert.Matches(@"\([1-9][0-9]* shrinks?\)", report);
        Assert.DoesNotContain("<null>", report);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(ShrinkingTests.Line(ShrinkingTests.Shrunk(report), "StudentLogits"), @"\[[^\[\]]*\]"));
    }

    [Fact]
    public void ZeroAtIdentity_catches_an_untempered_student()
    {
        Verify.Holds(Prop.ForAll(Logits, x => Laws.ZeroAtIdentity(new KdTerm(), x, "TeacherLogits", "StudentLogits")));
        var report = Verify.Refuted(Prop.ForAll(Logits, x => Laws.ZeroAtIdentity(new PlantedKd(KdBug.UntemperedStudent), x, "TeacherLogits", "StudentLogits")));
        Assert.Contains("ZeroAtIdentity", report);
    }

    [Fact]
    public void NonNegative_catches_a_negated_kl()
    {
        Verify.Holds(Prop.ForAll(Logits, x => Laws.NonNegative(new KdTerm(), x)));
        var report = Verify.Refuted(Prop.ForAll(Logits, x => Laws.NonNegative(new PlantedKd(KdBug.NegatedKl), x)));
        Assert.Contains("NonNegative", report);
    }

    [Fact]
    public void FiniteGradients_catches_log_of_softmax_at_extreme_logits()
    {
        Verify.Holds(Prop.ForAll(Logits, x => Laws.FiniteGradients(new KdTerm(), x)));
        var report = Verify.Refuted(Prop.ForAll(Logits, x => Laws.FiniteGradients(new PlantedKd(KdBug.NaiveLogSoftmax), x)), maxTest: 200);
        Assert.Contains("FiniteGradients", report);
    }

    [Fact]
    public void RowPermutationInvariant_catches_a_loss_that_reads_one_row()
    {
        var cases = (from x in Gens.LogitPair(minRows: 2, minClasses: 2)
                     from perm in Gens.Permutation(x.Rows("StudentLogits"))
                     select (x, perm)).ToArbitrary();
        string[] both = ["StudentLogits", "TeacherLogits"];
        Verify.Holds(Prop.ForAll(cases, c => Laws.RowPermutationInvariant(new KdTerm(), c.x, c.perm, both)));
        var report = Verify.Refuted(Prop.ForAll(cases, c => Laws.RowPermutationInvariant(new PlantedKd(KdBug.FirstRowOnly), c.x, c.perm, both)));
        Assert.Contains("RowPermutationInvariant", report);
    }

    [Fact]
    public void ConnectedToStudent_catches_a_detached_value()
    {
        Verify.Holds(Prop.ForAll(Logits, x => Laws.ConnectedToStudent(new KdTerm(), x)));
        var report = Verify.Refuted(Prop.ForAll(Logits, x => Laws.ConnectedToStudent(new PlantedKd(KdBug.Detached), x)));
        Assert.Contains("ConnectedToStudent", report);
    }
}
