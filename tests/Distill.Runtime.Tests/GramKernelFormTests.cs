using System;
using System.Collections.Generic;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// The fused CPU passes of sp, cc and rkd.distance (<see cref="GramKernel"/>) against the same terms' tensor-graph
/// form (autograd through libtorch's kernels), in float64 and float32, on random batches and on the edges where the
/// derivatives change form: duplicate rows (RKD's distance clamp binds), an all-zero row (SP's and CC's
/// normalisation clamps), a single row, every Taylor order and both kernels of CC, squared RKD distances, and
/// evaluation without a gradient. The golden tests check the default (fused) path against the reference values.
/// </summary>
public class GramKernelFormTests
{
    private static (Tensor Student, Tensor Teacher) Inputs(int n, int ds, int dt, ScalarType dtype, long seed, string edge)
    {
        using var generator = new Generator((ulong)seed, CPU);
        var student = randn([n, ds], ScalarType.Float64, generator: generator);
        var teacher = randn([n, dt], ScalarType.Float64, generator: generator);
        if (edge == "duplicates" && n >= 3)
        {
            student[1] = student[0].clone();
            teacher[2] = teacher[0].clone();
        }
        if (edge == "zero row" && n >= 2)
        {
            student[1] = zeros(ds, ScalarType.Float64);
            teacher[0] = zeros(dt, ScalarType.Float64);
        }
        return (student.to_type(dtype), teacher.to_type(dtype));
    }

    private static (double Loss, Tensor? Grad) Run(string name, LossTerm term, Tensor student, Tensor teacher, bool withGrad)
    {
        var s = student.clone().requires_grad_(withGrad);
        var inputs = new Dictionary<string, Tensor> { ["StudentEmbedding"] = s, ["TeacherEmbedding"] = teacher };
        double loss = TermHarness.Run(name, term, inputs);
        return (loss, s.grad);
    }

    private static void Compare(string name, Func<bool, LossTerm> term, int n, string edge)
    {
        using var scope = NewDisposeScope();
        foreach (var dtype in new[] { ScalarType.Float64, ScalarType.Float32 })
        {
            var (student, teacher) = Inputs(n, 7, 5, dtype, seed: n * 31 + edge.Length, edge);
            var (expected, expectedGrad) = Run(name, term(false), student, teacher, withGrad: true);
            var (loss, grad) = Run(name, term(true), student, teacher, withGrad: true);
            var (noGrad, none) = Run(name, term(true), student, teacher, withGrad: false);
            string what = $"{name} {dtype} n={n} {edge}";
            GoldenAssert.SameLoss(dtype, expected, loss, noGrad, none, what);
            GoldenAssert.SameGradient(expectedGrad!, grad, dtype, what + " gradient");
        }
    }

    public static IEnumerable<object[]> Batches()
    {
        foreach (int n in new[] { 1, 2, 3, 9, 33 })
            foreach (var edge in new[] { "random", "duplicates", "zero row" })
                yield return [n, edge];
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void Sp_fused_matches_the_graph(int n, string edge) =>
        Compare("sp", fused => new SpTerm { Fused = fused }, n, edge);

    [Theory]
    [MemberData(nameof(Batches))]
    public void Rkd_distance_fused_matches_the_graph(int n, string edge)
    {
        if (n < 2) return; // rkd.distance needs two rows (an input error otherwise, tested elsewhere)
        Compare("rkd.distance", fused => new RkdDistanceTerm { Fused = fused }, n, edge);
        Compare("rkd.distance", fused => new RkdDistanceTerm { Fused = fused, Squared = true }, n, edge);
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void Cc_fused_matches_the_graph_for_every_order_and_kernel(int n, string edge)
    {
        foreach (int order in new[] { 0, 1, 2, 3, 5 })
            Compare("cc", fused => new CcTerm { Fused = fused, POrder = order, Gamma = 0.7 }, n, edge);
        Compare("cc", fused => new CcTerm { Fused = fused, CorrelationKernel = CcKernel.Bilinear }, n, edge);
    }
}
