using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// Integer and count arguments: every value the compiler accepts also loads and runs, and a value past a
/// limit is a compile error naming the argument, not an overflow in the loader, a hang or a terabyte allocation.
/// </summary>
public class ArgumentLimitTests
{
    private static Dictionary<string, Tensor> Embeddings(int rows, int width)
    {
        using var g = new Generator(3, CPU);
        return new()
        {
            ["StudentEmbedding"] = randn([rows, width], generator: g).requires_grad_(true),
            ["TeacherEmbedding"] = randn([rows, width], generator: g),
        };
    }

    private static double Run(string recipe, Dictionary<string, Tensor> inputs)
    {
        using var scope = NewDisposeScope();
        var objective = Objective.Parse(recipe);
        using var result = objective.Compute(inputs, new TrainingProgress(100, 10, 100));
        if (result.Total.requires_grad) result.Total.backward();
        return result.Total.item<float>();
    }

    [Theory]
    [InlineData("warmup(steps = 1e20) * kd", "'steps'", "9223372036854775807")]
    [InlineData("warmup(steps = 9223372036854775808) * kd", "'steps'", "9223372036854775807")]
    [InlineData("cc(p_order = 2147483647)", "'p_order'", "[0, 100]")]
    [InlineData("cc(p_order = 101)", "'p_order'", "[0, 100]")]
    [InlineData("seed(queue = 2147483584)", "'queue'", "[1, 1048576]")]
    public void Values_past_a_limit_do_not_compile(string recipe, string argument, string range)
    {
        var e = Assert.Throws<RecipeException>(() => Objective.Parse(recipe));
        var message = Assert.Single(e.FormattedDiagnostics);
        Assert.Contains(argument, message, StringComparison.Ordinal);
        Assert.Contains(range, message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_longest_warmup_loads_and_runs()
    {
        // 2⁶³ − 1024 is the largest double below 2⁶³; at step 100 the ramp has barely started, so the weight is ~0.
        var objective = Objective.Parse("warmup(steps = 9223372036854774784) * kd");
        Assert.Equal(9223372036854774784, ((Schedules.WarmupSchedule)objective.Terms[0].Schedule!).Steps);
        using var g = new Generator(1, CPU);
        var inputs = new Dictionary<string, Tensor> { ["StudentLogits"] = randn([4, 3], generator: g).requires_grad_(true), ["TeacherLogits"] = randn([4, 3], generator: g) };
        Assert.Equal(0.0, Run(objective.Source, inputs), 12);
    }

    [Fact]
    public void The_highest_cc_order_runs_and_agrees_with_the_exact_kernel()
    {
        // With P = 100 the Taylor series of e^{2γS} has converged: K = e^{−2γ}·e^{2γS} = e^{−γ‖u − v‖²} for unit rows,
        // so the loss is the MSE between the exact Gaussian kernels (computed here without the series).
        var inputs = Embeddings(6, 5);
        double loss = Run("cc(p_order = 100, gamma = 0.4)", inputs);
        using var scope = NewDisposeScope();
        Tensor Gaussian(Tensor x)
        {
            var u = TermMath.L2Normalize(x.detach().to_type(ScalarType.Float64));
            return (-0.4 * cdist(u, u).pow(2)).exp();
        }
        double expected = (Gaussian(inputs["StudentEmbedding"]) - Gaussian(inputs["TeacherEmbedding"])).pow(2).mean().item<double>();
        Assert.Equal(expected, loss, 5);
    }

    [Fact]
    public void The_longest_seed_queue_loads_and_runs()
    {
        double loss = Run($"seed(queue = {SeedTerm.MaxQueue})", Embeddings(4, 3));
        Assert.True(double.IsFinite(loss));
    }
}
