using System;
using Distill.Runtime.Terms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Distill.Testing.Tests.Cases;
using static TorchSharp.torch;

namespace Distill.Testing.Tests.Terms;

public class CcProperties
{
    private static readonly Gen<TermInputs> Features = Gens.FeaturePair(minRows: 1);

    [Property(MaxTest = 30)]
    /// <summary>|K_P − RBF| ≤ e^{−2γ}·|R_P(2γs)| ≤ (2γ)^{P+1}/(P+1)! (Lagrange remainder of e^x, |s| ≤ 1): it vanishes as P grows.</summary>
    public Property Kernel_converges_to_the_exact_gaussian_rbf_as_P_grows() =>
        Prop.ForAll((from m in Gens.Matrix(5, 4) from gamma in Gens.Positive(0.05, 2) select (m, gamma)).ToArbitrary(), c =>
        {
            var unit = Reference.NormalizeRows(c.m);
            var exact = Reference.Rbf(unit, c.gamma);
            double bound = 1;
            for (int p = 0; p <= 32; p++)
            {
                bound *= 2 * c.gamma / (p + 1);
                double error = MaxDifference(Kernel(unit, c.gamma, p), exact);
                if (!(error <= bound + 1e-14))
                    return Prop.Label(false, $"P = {p}: max |K − RBF| = {error} exceeds the Taylor remainder bound (2γ)^(P+1)/(P+1)! = {bound}");
            }
            return Prop.Label(true, "within the remainder bound for P = 0 … 32");
        });

    [Property(MaxTest = 30)]
    public Property Invariant_under_positive_per_row_scaling() =>
        Prop.ForAll(WithRowFactors(Features, S), c => LawResult.All("both sides",
            Laws.RowScaleInvariant(new CcTerm(), c.x, S, c.c),
            Laws.RowScaleInvariant(new CcTerm(), c.x, T, c.c)));

    [Property(MaxTest = 30)]
    public Property Invariant_under_orthogonal_maps_of_either_feature_space() =>
        Prop.ForAll(WithRotations(Features), c => LawResult.All("both sides",
            Laws.RotationInvariant(new CcTerm(), c.x, S, c.qs),
            Laws.RotationInvariant(new CcTerm(), c.x, T, c.qt)));

    [Property(MaxTest = 20)]
    public Property Order_zero_is_a_constant_kernel_and_zero_loss() =>
        Prop.ForAll(Features.ToArbitrary(), x => Laws.ZeroAt(new CcTerm { POrder = 0 }, x));

    [Property(MaxTest = 30)]
    public Property Gradient_matches_finite_differences() =>
        Prop.ForAll(WithSeed(Features), c => Laws.MatchesFiniteDifferences(new CcTerm(), c.x, c.seed));

    [Property(MaxTest = 40)]
    public Property Is_finite_on_degenerate_batches() =>
        Prop.ForAll(Gens.Degenerate(Features, S, T).ToArbitrary(), x => Laws.FiniteGradients(new CcTerm(), x));

    private static double[,] Kernel(double[,] unit, double gamma, int order)
    {
        using var scope = NewDisposeScope();
        return Tensors.ToArray(CcTerm.Kernel(Tensors.From(unit), gamma, order));
    }

    private static double MaxDifference(double[,] a, double[,] b)
    {
        double max = 0;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) max = Math.Max(max, Math.Abs(a[i, j] - b[i, j]));
        return max;
    }

    [Property(MaxTest = 30)]
    /// <summary>Every order from the constant kernel (P = 0) up, small and large γ, both kernels; with detach_teacher = false the teacher too.</summary>
    public Property Stays_connected_to_the_student_for_every_valid_parameter() =>
        Prop.ForAll((from x in Features from p in Gen.Choose(0, 4) from g in Gen.Elements(0.05, 0.4, 2.0)
                     from k in Gen.Elements(CcKernel.Gaussian, CcKernel.Bilinear) select (x, p, g, k)).ToArbitrary(),
            c => LawResult.All("both settings of detach_teacher",
                Laws.ConnectedToStudent(new CcTerm { POrder = c.p, Gamma = c.g, CorrelationKernel = c.k }, c.x),
                Laws.ConnectedToStudent(new CcTerm { POrder = c.p, Gamma = c.g, CorrelationKernel = c.k, DetachTeacher = false }, c.x, [S, T])));
}
