using Distill.Runtime.Terms;
using Distill.Testing.Tests.Planted;
using FsCheck;
using FsCheck.Fluent;

namespace Distill.Testing.Tests.LawChecks;

/// <summary>The geometric laws hold for the real RKD distance and SP and refute versions with a planted bug.</summary>
public class FeatureLawTests
{
    private const string S = "StudentEmbedding";
    private const string T = "TeacherEmbedding";

    private static readonly Arbitrary<(TermInputs x, double[,] q)> Rotated =
        (from x in Gens.FeaturePair(minRows: 3, maxDim: 5)
         from d in Gen.Constant(x.Columns(S))
         from q in Gens.Orthogonal(d)
         select (x, q)).ToArbitrary();

    private static readonly Arbitrary<(TermInputs x, double[] b)> Translated =
        (from x in Gens.FeaturePair(minRows: 3)
         from b in Gens.Vector(x.Columns(S))
         select (x, b)).ToArbitrary();

    private static readonly Arbitrary<(TermInputs x, double c)> Scaled =
        (from x in Gens.FeaturePair(minRows: 3)
         from c in Gens.Positive(0.1, 10)
         select (x, c)).ToArbitrary();

    [Fact]
    public void RotationInvariant_catches_l1_distances()
    {
        Verify.Holds(Prop.ForAll(Rotated, c => Laws.RotationInvariant(new RkdDistanceTerm(), c.x, S, c.q)));
        var report = Verify.Refuted(Prop.ForAll(Rotated, c => Laws.RotationInvariant(new PlantedRkdDistance(RkdBug.L1Distances), c.x, S, c.q)));
        Assert.Contains("RotationInvariant", report);
    }

    [Fact]
    public void TranslationInvariant_catches_inner_products_in_place_of_distances()
    {
        Verify.Holds(Prop.ForAll(Translated, c => Laws.TranslationInvariant(new RkdDistanceTerm(), c.x, S, c.b)));
        var report = Verify.Refuted(Prop.ForAll(Translated, c => Laws.TranslationInvariant(new PlantedRkdDistance(RkdBug.GramInsteadOfDistances), c.x, S, c.b)));
        Assert.Contains("TranslationInvariant", report);
    }

    [Fact]
    public void ScaleInvariant_catches_rkd_without_mean_normalisation()
    {
        Verify.Holds(Prop.ForAll(Scaled, c => Laws.ScaleInvariant(new RkdDistanceTerm(), c.x, S, c.c)));
        var report = Verify.Refuted(Prop.ForAll(Scaled, c => Laws.ScaleInvariant(new PlantedRkdDistance(RkdBug.NoMeanNormalisation), c.x, S, c.c)));
        Assert.Contains("ScaleInvariant", report);
    }

    [Fact]
    public void ScaleInvariant_catches_sp_without_normalisation()
    {
        Verify.Holds(Prop.ForAll(Scaled, c => Laws.ScaleInvariant(new SpTerm(), c.x, S, c.c)));
        var report = Verify.Refuted(Prop.ForAll(Scaled, c => Laws.ScaleInvariant(new SpWithoutNormalisation(), c.x, S, c.c)));
        Assert.Contains("ScaleInvariant", report);
    }

    [Fact]
    public void MatchesFiniteDifferences_catches_a_detached_student_mean()
    {
        var cases = (from x in Gens.FeaturePair(minRows: 3) from seed in Gen.Choose(0, 1 << 30) select (x, seed)).ToArbitrary();
        Verify.Holds(Prop.ForAll(cases, c => Laws.MatchesFiniteDifferences(new RkdDistanceTerm(), c.x, c.seed)));
        var report = Verify.Refuted(Prop.ForAll(cases, c => Laws.MatchesFiniteDifferences(new PlantedRkdDistance(RkdBug.DetachedStudentMean), c.x, c.seed)));
        Assert.Contains("MatchesFiniteDifferences", report);
    }

    [Fact]
    public void JointRotationInvariant_catches_l1_distances()
    {
        var cases = (from x in Gens.FeaturePair(minRows: 3, sameDim: true) from q in Gens.Orthogonal(x.Columns(S)) select (x, q)).ToArbitrary();
        Verify.Holds(Prop.ForAll(cases, c => Laws.JointRotationInvariant(new RkdDistanceTerm(), c.x, c.q, S, T)));
        var report = Verify.Refuted(Prop.ForAll(cases, c => Laws.JointRotationInvariant(new PlantedRkdDistance(RkdBug.L1Distances), c.x, c.q, S, T)));
        Assert.Contains("JointRotationInvariant", report);
    }

    /// <summary>CC normalises each row, so per-row scaling is invisible to it; SP's Gram rows mix the scales of other rows.</summary>
    [Fact]
    public void RowScaleInvariant_tells_cc_from_sp()
    {
        var cases = (from x in Gens.FeaturePair(minRows: 3) from c in Gen.ArrayOf(Gens.Positive(0.1, 10), x.Rows(S)) select (x, c)).ToArbitrary();
        Verify.Holds(Prop.ForAll(cases, c => Laws.RowScaleInvariant(new CcTerm(), c.x, S, c.c)));
        var report = Verify.Refuted(Prop.ForAll(cases, c => Laws.RowScaleInvariant(new SpTerm(), c.x, S, c.c)));
        Assert.Contains("RowScaleInvariant", report);
    }

    [Fact]
    public void RowStochastic_catches_ensembled_targets_missing_their_normalisation()
    {
        var logits = Gens.Logits(4, 3).ToArbitrary();
        Verify.Holds(Prop.ForAll(logits, z => Laws.RowStochastic(Reference.Softmax(z, 4))));
        Verify.Refuted(Prop.ForAll(logits, z => Laws.RowStochastic(UnnormalisedEnsemble(Reference.Softmax(z, 4), omega: 0.5))));
    }

    /// <summary>P + ω·A·P with A uniform off the diagonal: the (1 − ω) factor of BAKE's series forgotten.</summary>
    private static double[,] UnnormalisedEnsemble(double[,] p, double omega)
    {
        int n = p.GetLength(0), c = p.GetLength(1);
        var q = (double[,])p.Clone();
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
                if (k != i)
                    for (int j = 0; j < c; j++) q[i, j] += omega / (n - 1) * p[k, j];
        return q;
    }
}
