using System.Collections.Generic;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// The fused CPU passes of kd, ce and bake's KL against their tensor graphs (kl_div with log targets; torch's
/// cross_entropy; kl_div against the propagated targets, whose solve is linalg.solve's there and the host's or the
/// blocked one here),
/// float64 and float32: several temperatures and label smoothings, a single row and a single class, a non-contiguous
/// (transposed) student, large per-row logit shifts, no gradient.
/// </summary>
public class LogitsFormTests
{

    [Theory]
    [InlineData(1, 5, 0.0)]
    [InlineData(7, 1, 0.0)]
    [InlineData(9, 13, 0.1)]
    [InlineData(5, 8, 0.0)] // rows of exactly one and two float32 vectors (four of float64): no overlapping last vector
    [InlineData(3, 16, 0.1)]
    [InlineData(33, 100, 0.0)]
    [InlineData(33, 100, 1.0)]
    public void Ce_fused_pass_matches_cross_entropy(int n, int classes, double smoothing)
    {
        using var scope = NewDisposeScope();
        foreach (var dtype in new[] { ScalarType.Float64, ScalarType.Float32 })
            foreach (bool transposed in new[] { false, true })
            {
                using var g = new Generator((ulong)(n * 100 + classes), CPU);
                var data = (randn([n, classes], ScalarType.Float64, generator: g) * 3 + randn([n, 1], ScalarType.Float64, generator: g) * 50).to_type(dtype);
                var labels = randint(0, classes, [n], generator: g);
                (double, Tensor?) Run(bool fused, bool grad)
                {
                    var s = transposed ? data.t().contiguous().t() : data.clone();
                    s.requires_grad_(grad);
                    var inputs = new System.Collections.Generic.Dictionary<string, Tensor> { ["StudentLogits"] = s, ["Labels"] = labels };
                    return (TermHarness.Run("ce", new CeTerm { LabelSmoothing = smoothing, Fused = fused }, inputs), s.grad);
                }
                var (expected, expectedGrad) = Run(false, true);
                var (loss, grad) = Run(true, true);
                var (value, none) = Run(true, false);
                string what = $"ce {dtype} n={n} C={classes} ε={smoothing} transposed={transposed}";
                GoldenAssert.SameLoss(dtype, expected, loss, value, none, what);
                GoldenAssert.SameGradient(expectedGrad!, grad, dtype, what + " gradient");
            }
    }

    [Theory]
    [InlineData(1, 5, 4.0)]
    [InlineData(7, 1, 4.0)]
    [InlineData(9, 13, 0.5)]
    [InlineData(33, 100, 4.0)]
    [InlineData(33, 100, 20.0)]
    public void Kd_fused_pass_matches_the_graph(int n, int classes, double temperature)
    {
        using var scope = NewDisposeScope();
        foreach (var dtype in new[] { ScalarType.Float64, ScalarType.Float32 })
            foreach (bool transposed in new[] { false, true })
            {
                using var g = new Generator((ulong)(n * 100 + classes), CPU);
                var teacher = (randn([n, classes], ScalarType.Float64, generator: g) * 3).to_type(dtype);
                var shift = randn([n, 1], ScalarType.Float64, generator: g) * 50;
                var studentData = (0.5 * teacher.to_type(ScalarType.Float64) + randn([n, classes], ScalarType.Float64, generator: g) + shift).to_type(dtype);
                Tensor Student() => transposed ? studentData.t().contiguous().t().requires_grad_(true) : studentData.clone().requires_grad_(true);
                (double, Tensor?) Run(bool fused, bool grad)
                {
                    var s = Student();
                    if (!grad) s.requires_grad_(false);
                    var inputs = new Dictionary<string, Tensor> { ["StudentLogits"] = s, ["TeacherLogits"] = teacher };
                    return (TermHarness.Run("kd", new KdTerm { T = temperature, Fused = fused }, inputs), s.grad);
                }
                var (expected, expectedGrad) = Run(false, true);
                var (loss, grad) = Run(true, true);
                var (value, none) = Run(true, false);
                string what = $"kd {dtype} n={n} C={classes} T={temperature} transposed={transposed}";
                GoldenAssert.SameLoss(dtype, expected, loss, value, none, what);
                GoldenAssert.SameGradient(expectedGrad!, grad, dtype, what + " gradient");
            }
    }

    [Theory]
    [InlineData(1, 5, 4.0, 0.5)]
    [InlineData(2, 3, 4.0, 0.0)]
    [InlineData(9, 13, 1.0, 0.9)]
    [InlineData(33, 100, 4.0, 0.5)]
    [InlineData(129, 7, 4.0, 0.5)] // the blocked solve: blocks of 64, 64 and 1
    [InlineData(200, 100, 2.0, 0.99)] // … with I − ωA near singular (condition up to 199)
    [InlineData(256, 100, 4.0, 0.5)]
    public void Bake_fused_kl_matches_the_graph(int n, int classes, double temperature, double omega)
    {
        using var scope = NewDisposeScope();
        foreach (var dtype in new[] { ScalarType.Float64, ScalarType.Float32 })
        {
            using var g = new Generator((ulong)(n * 100 + classes), CPU);
            var logits = (randn([n, classes], ScalarType.Float64, generator: g) * 3).to_type(dtype);
            var features = randn([n, 6], ScalarType.Float64, generator: g).to_type(dtype);
            (double, Tensor?) Run(bool fused, bool grad)
            {
                var s = logits.clone().requires_grad_(grad);
                var inputs = new System.Collections.Generic.Dictionary<string, Tensor> { ["StudentLogits"] = s, ["StudentEmbedding"] = features };
                return (TermHarness.Run("bake", new BakeTerm { T = temperature, Omega = omega, Weight = 0.7, Fused = fused }, inputs), s.grad);
            }
            var (expected, expectedGrad) = Run(false, true);
            var (loss, grad) = Run(true, true);
            var (value, none) = Run(true, false);
            string what = $"bake {dtype} n={n} C={classes} T={temperature} ω={omega}";
            GoldenAssert.SameLoss(dtype, expected, loss, value, none, what);
            GoldenAssert.SameGradient(expectedGrad!, grad, dtype, what + " gradient");
        }
    }
}
