using System;
using System.Collections.Generic;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

public class InputValidationTests
{
    private static TermInputException Fails(string name, LossTerm term, Dictionary<string, Tensor> inputs)
    {
        using var scope = NewDisposeScope();
        return Assert.Throws<TermInputException>(() => TermHarness.Run(name, term, inputs));
    }

    private static void Says(TermInputException e, string term, string input, params string[] parts)
    {
        Assert.Equal(term, e.Term);
        Assert.Equal(input, e.Input);
        foreach (var part in parts) Assert.Contains(part, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kd_names_both_shapes_when_teacher_classes_differ()
    {
        var e = Fails("kd", new KdTerm(), new() { ["StudentLogits"] = randn(8, 10), ["TeacherLogits"] = randn(8, 9) });
        Says(e, "kd", "TeacherLogits", "[8, 10]", "[8, 9]");
    }

    [Fact]
    public void Kd_rejects_a_rank_one_input()
    {
        var e = Fails("kd", new KdTerm(), new() { ["StudentLogits"] = randn(8), ["TeacherLogits"] = randn(8, 9) });
        Says(e, "kd", "StudentLogits", "rank-2", "[8]");
    }

    [Fact]
    public void Ce_rejects_float_labels()
    {
        var e = Fails("ce", new CeTerm(), new() { ["StudentLogits"] = randn(4, 3), ["Labels"] = zeros(4) });
        Says(e, "ce", "Labels", "int64", "Float32");
    }

    [Fact]
    public void Ce_rejects_labels_out_of_range()
    {
        var e = Fails("ce", new CeTerm(), new() { ["StudentLogits"] = randn(4, 3), ["Labels"] = tensor(new long[] { 0, 1, 2, 3 }) });
        Says(e, "ce", "Labels", "[0, 3)", "[0, 3]");
    }

    [Fact]
    public void Ce_blames_the_logits_when_their_rows_are_not_the_label_count()
    {
        var e = Fails("ce", new CeTerm(), new() { ["StudentLogits"] = randn(4, 3), ["Labels"] = tensor(new long[] { 0, 1 }) });
        Says(e, "ce", "StudentLogits", "2 rows to match 'Labels'", "[4, 3]");
    }

    [Fact]
    public void Rkd_terms_need_two_rows()
    {
        var inputs = new Dictionary<string, Tensor> { ["StudentEmbedding"] = randn(1, 4), ["TeacherEmbedding"] = randn(1, 4) };
        Says(Fails("rkd.distance", new RkdDistanceTerm(), inputs), "rkd.distance", "StudentEmbedding", "at least 2 rows", "[1, 4]");
        Says(Fails("rkd.angle", new RkdAngleTerm(), inputs), "rkd.angle", "StudentEmbedding", "at least 2 rows");
    }

    [Fact]
    public void Feature_terms_need_matching_batches()
    {
        var e = Fails("sp", new SpTerm(), new() { ["StudentEmbedding"] = randn(6, 4), ["TeacherEmbedding"] = randn(5, 4) });
        Says(e, "sp", "TeacherEmbedding", "6 rows", "[5, 4]");
    }

    [Fact]
    public void Feature_terms_read_the_at_tap()
    {
        var e = Fails("cc", new CcTerm { At = "layer3" }, new() { ["StudentLayer3"] = randn(6), ["TeacherLayer3"] = randn(6, 4) });
        Says(e, "cc", "StudentLayer3", "rank ≥ 2", "[6]");
    }

    [Fact]
    public void Sskd_needs_four_rows_per_image()
    {
        var e = Fails("sskd", new SskdTerm(), new()
        {
            ["StudentRotatedLogits"] = randn(6, 5),
            ["TeacherRotatedLogits"] = randn(6, 5),
            ["StudentRotatedProjection"] = randn(6, 3),
            ["TeacherRotatedProjection"] = randn(6, 3),
            ["Labels"] = tensor(new long[] { 0 }),
        });
        Says(e, "sskd", "StudentRotatedLogits", "4B rows", "[6, 5]");
    }

    [Fact]
    public void Seed_needs_a_queue_that_is_a_multiple_of_the_batch()
    {
        var e = Fails("seed", new SeedTerm { Queue = 10 }, new() { ["StudentEmbedding"] = randn(4, 3), ["TeacherEmbedding"] = randn(4, 3) });
        Says(e, "seed", "StudentEmbedding", "queue size 10", "multiple of the batch", "[4, 3]");
    }

    [Fact]
    public void Pad_checks_the_log_variance_shape()
    {
        var e = Fails("pad", new PadTerm(), new()
        {
            ["StudentEmbedding"] = randn(4, 3),
            ["TeacherEmbedding"] = randn(4, 3),
            ["StudentLogVar"] = randn(4, 2),
        });
        Says(e, "pad", "StudentLogVar", "[4, 3] or [4, 1]", "[4, 2]");
    }

    [Fact]
    public void Bake_needs_features_for_every_logit_row()
    {
        var e = Fails("bake", new BakeTerm(), new() { ["StudentLogits"] = randn(4, 3), ["StudentEmbedding"] = randn(5, 2) });
        Says(e, "bake", "StudentEmbedding", "4 rows", "[5, 2]");
    }
}
