using System;
using System.Collections.Generic;
using Distill.Runtime.Terms;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>Repeated training steps leave no live tensors behind (every temporary is in the engine's scope).</summary>
public class DisposalTests
{
    public static IEnumerable<object[]> Terms =>
    [
        ["ce"], ["kd"], ["sskd"], ["rkd.distance"], ["rkd.angle"], ["rkd.angle/blocks"], ["sp"], ["cc"], ["seed"], ["bake"], ["pad"],
    ];

    /// <summary>A term and inputs of <paramref name="rows"/> rows (a multiple of 4), <paramref name="classes"/> logits and <paramref name="dim"/> features.</summary>
    internal static (LossTerm Term, Dictionary<string, Tensor> Inputs) Make(string name, int rows = 8, int classes = 5, int dim = 4)
    {
        manual_seed(3);
        var logits = randn(rows, classes).requires_grad_(true);
        var features = new Dictionary<string, Tensor> { ["StudentEmbedding"] = randn(rows, dim).requires_grad_(true), ["TeacherEmbedding"] = randn(rows, dim) };
        return name switch
        {
            "ce" => (new CeTerm(), new() { ["StudentLogits"] = logits, ["Labels"] = randint(0, classes, [rows]) }),
            "kd" => (new KdTerm(), new() { ["StudentLogits"] = logits, ["TeacherLogits"] = randn(rows, classes) }),
            "sskd" => (new SskdTerm(), new()
            {
                ["StudentRotatedLogits"] = logits,
                ["TeacherRotatedLogits"] = randn(rows, classes),
                ["StudentRotatedProjection"] = randn(rows, dim).requires_grad_(true),
                ["TeacherRotatedProjection"] = randn(rows, dim),
                ["Labels"] = randint(0, classes, [rows / 4]),
            }),
            "rkd.distance" => (new RkdDistanceTerm(), features),
            "rkd.angle" => (new RkdAngleTerm(), features),
            "rkd.angle/blocks" => (new RkdAngleTerm { Chunk = 3 }, features),
            "sp" => (new SpTerm(), features),
            "cc" => (new CcTerm(), features),
            "seed" => (new SeedTerm { Queue = 2 * rows }, features),
            "bake" => (new BakeTerm(), new() { ["StudentLogits"] = logits, ["StudentEmbedding"] = randn(rows, dim) }),
            "pad" => (new PadTerm(), new(features) { ["StudentLogVar"] = randn(rows, 1).requires_grad_(true) }),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Terms))]
    public void Training_steps_do_not_grow_the_live_tensor_count(string name)
    {
        var (term, inputs) = Make(name);
        TermHarness.Run(name, term, inputs);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int step = 0; step < 5; step++) TermHarness.Run(name, term, inputs);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        foreach (var t in inputs.Values) t.Dispose();
    }
}
