using System.Collections.Generic;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// An objective's Total supports backward() whenever any input requires grad: a constant term, every term
/// skipped by a zero weight, or only a (detached) teacher input requiring grad give zero gradients, not the
/// "element 0 of tensors does not require grad" error.
/// </summary>
public class ConnectedTotalTests
{
    [Theory]
    [InlineData("cc(p_order = 0)", "StudentEmbedding")]
    [InlineData("0 * kd", "StudentLogits")]
    [InlineData("kd", "TeacherLogits")]
    [InlineData("sp + cc(p_order = 0)", "TeacherEmbedding")]
    [InlineData("bake(omega = 0)", "StudentEmbedding")]
    public void Backward_works_and_gives_zero_gradients_where_the_total_is_constant(string recipe, string grad)
    {
        using var scope = NewDisposeScope();
        var objective = Objective.Parse(recipe);
        var g = new Generator(3, CPU);
        var inputs = new Dictionary<string, Tensor>();
        foreach (var name in objective.RequiredInputs)
            inputs[name] = randn([6, 5], ScalarType.Float64, generator: g);
        inputs[grad].requires_grad_(true);

        using var result = objective.Compute(inputs, TrainingProgress.Completed);
        Assert.True(result.Total.requires_grad, $"{recipe}: Total does not require grad with {grad} requiring grad");
        result.Total.backward();

        var gradient = inputs[grad].grad;
        Assert.NotNull(gradient);
        Assert.Equal(0.0, gradient!.abs().max().item<double>());
    }
}
