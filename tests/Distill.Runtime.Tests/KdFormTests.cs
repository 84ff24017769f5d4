using System.Collections.Generic;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// kd's fused CPU pass against its tensor graph (kl_div with log targets), float64 and float32: several temperatures,
/// a single row and a single class, a non-contiguous (transposed) student, large per-row logit shifts, no gradient.
/// </summary>
public class KdFormTests
{
    [Theory]
    [InlineData(1, 5, 4.0)]
    [InlineData(7, 1, 4.0)]
    [InlineData(9, 13, 0.5)]
    [InlineData(33, 100, 4.0)]
    [InlineData(33, 100, 20.0)]
    public void Fused_pass_matches_the_graph(int n, int classes, double temperature)
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
                Assert.Null(none);
                if (dtype == ScalarType.Float64)
                {
                    GoldenAssert.Float64(expected, loss, what);
                    GoldenAssert.Float64(expected, value, what);
                }
                else
                {
                    GoldenAssert.Float32(expected, loss);
                    GoldenAssert.Float32(expected, value);
                }
                double relative = dtype == ScalarType.Float64 ? 1e-9 : 1e-4, floor = dtype == ScalarType.Float64 ? 1e-14 : 1e-7;
                double scale = expectedGrad!.abs().max().to_type(ScalarType.Float64).item<double>();
                double err = (grad! - expectedGrad).abs().max().to_type(ScalarType.Float64).item<double>();
                Assert.True(err <= relative * scale + floor, $"{what} gradient: max |Δ| = {err:E3} > {relative}·{scale:E3} + {floor}");
            }
    }
}
