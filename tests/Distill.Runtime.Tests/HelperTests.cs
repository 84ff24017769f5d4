using System.Collections.Generic;
using System.Linq;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

public class HelperTests
{
    [Fact]
    public void Rotated_batch_row_4i_plus_r_is_image_i_turned_r_times()
    {
        using var scope = NewDisposeScope();
        var images = arange(2 * 1 * 2 * 2, ScalarType.Float32).reshape(2, 1, 2, 2);
        var batch = SskdBatch.Rotations(images);
        Assert.Equal(new long[] { 8, 1, 2, 2 }, batch.shape);
        for (int i = 0; i < 2; i++)
            for (int r = 0; r < 4; r++)
                Assert.Equal(images[i].rot90(r, (1, 2)).data<float>().ToArray(), batch[4 * i + r].data<float>().ToArray());
        Assert.Equal(images.data<float>().ToArray(), SskdBatch.NormalRows(batch).data<float>().ToArray());
        Assert.Equal(new long[] { 6, 1, 2, 2 }, SskdBatch.AugmentedRows(batch).shape);
        Assert.Equal(batch[5].data<float>().ToArray(), SskdBatch.AugmentedRows(batch)[3].data<float>().ToArray());
    }

    [Fact]
    public void Pad_variance_branch_maps_embeddings_to_a_log_variance_of_the_same_shape()
    {
        using var scope = NewDisposeScope();
        using var branch = new PadVarianceBranch(5);
        Assert.Equal(new long[] { 4, 5 }, branch.forward(randn(4, 5)).shape);
        Assert.Equal(4, branch.parameters().Count());
    }

    [Fact]
    public void Rkd_and_sp_compute_each_gram_matrix_once()
    {
        using var scope = NewDisposeScope();
        var inputs = new Dictionary<string, Tensor> { ["StudentEmbedding"] = randn(6, 4).requires_grad_(true), ["TeacherEmbedding"] = randn(6, 5) };
        var harness = new TermHarness(
        [
            new WeightedTerm("rkd.distance", new RkdDistanceTerm(), 1.0),
            new WeightedTerm("sp", new SpTerm(), 1.0),
        ], inputs.Keys);
        using var result = harness.Compute(inputs);
        Assert.Equal(2, harness.LastSharedComputations);
        Assert.Equal(2, harness.LastSharedHits);
    }

    [Fact]
    public void Teacher_probabilities_are_shared_only_at_the_same_temperature()
    {
        using var scope = NewDisposeScope();
        var inputs = new Dictionary<string, Tensor> { ["StudentLogits"] = randn(6, 4).requires_grad_(true), ["TeacherLogits"] = randn(6, 4) };
        var harness = new TermHarness(
        [
            new WeightedTerm("kd", new KdTerm { T = 4 }, 1.0),
            new WeightedTerm("kd2", new KdTerm { T = 4 }, 0.5),
            new WeightedTerm("kd3", new KdTerm { T = 2 }, 0.5),
        ], inputs.Keys);
        using var result = harness.Compute(inputs);
        Assert.Equal(2, harness.LastSharedComputations);
        Assert.Equal(1, harness.LastSharedHits);
    }
}
