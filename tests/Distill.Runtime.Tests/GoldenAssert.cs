using System;
using Distill.Runtime.Tests.Golden;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>The golden tolerances of shared/golden/README.md.</summary>
public static class GoldenAssert
{
    public static void Float64(double expected, double actual, string what = "loss")
    {
        double tol = 1e-9 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tol, $"{what}: expected {expected:R}, got {actual:R} (|Δ| = {Math.Abs(actual - expected):E3} > {tol:E3})");
    }

    public static void Float32(double expected, double actual)
    {
        double tol = 1e-6 + 1e-4 * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= tol, $"float32 loss: expected {expected:R}, got {actual:R}");
    }

    /// <summary>Elementwise |a − b| ≤ 1e-9·max|b| (and shapes equal).</summary>
    public static void Tensor(Tensor expected, Tensor? actual, string what)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.shape, actual!.shape);
        var e = expected.to_type(ScalarType.Float64);
        var a = actual.detach().to_type(ScalarType.Float64);
        double scale = Math.Max(e.abs().max().item<double>(), 1e-300);
        double err = (a - e).abs().max().item<double>();
        Assert.True(err <= 1e-9 * scale, $"{what}: max |Δ| = {err:E3} > 1e-9·{scale:E3}");
    }

    /// <summary>
    /// A fused pass against the graph form it replaces: the loss with and without a gradient at the golden tolerance
    /// of <paramref name="dtype"/>, and no gradient where none was asked for.
    /// </summary>
    public static void SameLoss(ScalarType dtype, double expected, double withGrad, double withoutGrad, Tensor? noGradient, string what)
    {
        Assert.Null(noGradient);
        if (dtype == ScalarType.Float64)
        {
            Float64(expected, withGrad, what);
            Float64(expected, withoutGrad, what + " without a gradient");
        }
        else
        {
            Float32(expected, withGrad);
            Float32(expected, withoutGrad);
        }
    }

    /// <summary>
    /// Gradients of two forms: |Δ| ≤ relative·max|expected| + floor (1e-9 and 1e-14 in float64, 1e-4 and 1e-7 in float32).
    /// The floor is the dtype's rounding of O(1) quantities: where the exact gradient is 0 (one row; every pair
    /// clamped) both forms return rounding noise of 1e-16 to 1e-32.
    /// </summary>
    public static void SameGradient(Tensor expected, Tensor? actual, ScalarType dtype, string what)
    {
        Assert.NotNull(actual);
        double relative = dtype == ScalarType.Float64 ? 1e-9 : 1e-4, floor = dtype == ScalarType.Float64 ? 1e-14 : 1e-7;
        double scale = expected.abs().max().to_type(ScalarType.Float64).item<double>();
        double err = (actual! - expected).abs().max().to_type(ScalarType.Float64).item<double>();
        Assert.True(err <= relative * scale + floor, $"{what}: max |Δ| = {err:E3} > {relative}·{scale:E3} + {floor}");
    }

    /// <summary>Loss and every golden gradient in float64, then the loss again in float32.</summary>
    public static void Case(GoldenCase c, Func<LossTerm> term, string name, System.Collections.Generic.IReadOnlyDictionary<string, string> names)
    {
        using (var scope = NewDisposeScope())
        {
            var inputs = TermHarness.Inputs(c, names, ScalarType.Float64);
            double loss = TermHarness.Run(name, term(), inputs);
            Float64(c.Output("loss"), loss);
            foreach (var (golden, input) in names)
                if (c.HasGrad(golden))
                    Tensor(c.Grad(golden), inputs[input].grad, "grad " + golden);
        }
        using (var scope = NewDisposeScope())
        {
            var inputs = TermHarness.Inputs(c, names, ScalarType.Float32);
            Float32(c.Output("loss"), TermHarness.Run(name, term(), inputs));
        }
    }
}
