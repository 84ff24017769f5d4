using System.Collections.Generic;
using System.Linq;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>Parameter ranges as the papers and the official code define them (docs/terms.md, "Parameter ranges").</summary>
public class ParameterRangeTests
{
    [Fact]
    public void Sskd_ratio_zero_keeps_exactly_the_rows_the_teacher_ranks_first()
    {
        using var scope = NewDisposeScope();
        // B = 2 images, 8 rows, C = 3 classes, labels [0, 2]. Augmented rows k = 0..5 (rows 1, 2, 3, 5, 6, 7): the
        // teacher's top class is the label on k = 1, 3, 4 only; the similarity teacher ranks its own image first on k = 0, 5.
        var teacher = zeros(8, 3, ScalarType.Float64);
        long[] rows = [1, 2, 3, 5, 6, 7];
        long[] top = [1, 0, 2, 2, 2, 0];
        for (int k = 0; k < 6; k++) teacher[rows[k], top[k]] = 5.0;
        var projection = zeros(8, 2, ScalarType.Float64);
        projection[0, 0] = 1; projection[4, 1] = 1;                  // normal rows: image 0 → e₀, image 1 → e₁
        double[][] augmented = [[1, 0.1], [0.1, 1], [0.1, 1], [1, 0.1], [1, 0.1], [0.1, 1]];
        for (int k = 0; k < 6; k++) projection[rows[k]] = tensor(augmented[k], ScalarType.Float64);
        var inputs = new Dictionary<string, Tensor>
        {
            ["StudentRotatedLogits"] = randn(8, 3, ScalarType.Float64),
            ["TeacherRotatedLogits"] = teacher,
            ["StudentRotatedProjection"] = randn(8, 2, ScalarType.Float64),
            ["TeacherRotatedProjection"] = projection,
            ["Labels"] = tensor(new long[] { 0, 2 }),
        };
        var parts = new SskdTerm { TopK = 0, TfTopK = 0 }.Parts(new TermContext(inputs, training: false, CPU));
        Assert.Equal(new long[] { 1, 3, 4 }, parts.KeepTf.data<long>().ToArray());
        Assert.Equal(new long[] { 0, 5 }, parts.KeepSs.data<long>().ToArray());
    }

    [Theory]
    [InlineData("sskd(topk = 0, tf_topk = 0)")]
    [InlineData("ce(label_smoothing = 1)")]
    public void The_range_ends_are_accepted(string recipe) => Assert.NotNull(Objective.Parse(recipe));

    [Fact]
    public void Ce_with_label_smoothing_one_is_the_cross_entropy_with_uniform_targets()
    {
        using var scope = NewDisposeScope();
        var logits = randn(5, 4, ScalarType.Float64);
        var labels = tensor(new long[] { 0, 3, 1, 1, 2 });
        var inputs = new Dictionary<string, Tensor> { ["StudentLogits"] = logits, ["Labels"] = labels };
        double expected = -logits.log_softmax(1).mean().item<double>();   // mean over rows of −(1/C)·Σ_c log softmax
        GoldenAssert.Float64(expected, TermHarness.Run("ce", new CeTerm { LabelSmoothing = 1 }, inputs, training: false));
    }
}
