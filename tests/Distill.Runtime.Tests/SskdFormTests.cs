using System;
using System.Collections.Generic;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// SSKD's fused CPU pass (<see cref="SskdKernel"/>) against the term's tensor graph (<see cref="SskdTerm.Parts"/>), in
/// float64 and float32: random batches, ratios that keep every row, some rows and only the correctly ranked ones, a
/// teacher whose rotated rows tie (equal logits and equal projections, so ranks tie at the keep boundary), all-zero
/// student projections (the normalisation's clamp), evaluation
/// without a gradient, and one part's weight at 0.
/// </summary>
public class SskdFormTests
{
    private static Dictionary<string, Tensor> Inputs(int images, ScalarType dtype, long seed, bool ties)
    {
        using var g = new Generator((ulong)seed, CPU);
        int rows = 4 * images;
        var teacherLogits = randn([rows, 7], ScalarType.Float64, generator: g) * 2;
        var teacherSs = randn([rows, 5], ScalarType.Float64, generator: g);
        if (ties && images >= 2)
        {
            teacherLogits[2] = teacherLogits[1].clone();
            teacherLogits[5] = teacherLogits[1].clone();
            teacherSs[3] = teacherSs[2].clone();
            teacherSs[4] = teacherSs[0].clone();
        }
        var studentSs = 0.3 * teacherSs + randn([rows, 5], ScalarType.Float64, generator: g);
        if (ties && images >= 2)
        {
            // All-zero projections, an augmented row and a normal one: F.normalize's clamp (‖x‖ < 1e-8) binds there.
            studentSs[1] = zeros(5, ScalarType.Float64);
            studentSs[4] = zeros(5, ScalarType.Float64);
        }
        return new Dictionary<string, Tensor>
        {
            ["StudentRotatedLogits"] = (0.5 * teacherLogits + randn([rows, 7], ScalarType.Float64, generator: g)).to_type(dtype),
            ["TeacherRotatedLogits"] = teacherLogits.to_type(dtype),
            ["StudentRotatedProjection"] = studentSs.to_type(dtype),
            ["TeacherRotatedProjection"] = teacherSs.to_type(dtype),
            ["Labels"] = randint(0, 7, [images], generator: g),
        };
    }

    private static (double Loss, Tensor? Logits, Tensor? Ss) Run(SskdTerm term, Dictionary<string, Tensor> inputs, bool withGrad)
    {
        var copy = new Dictionary<string, Tensor>(inputs);
        foreach (var name in new[] { "StudentRotatedLogits", "StudentRotatedProjection" })
            copy[name] = inputs[name].clone().requires_grad_(withGrad);
        double loss = TermHarness.Run("sskd", term, copy);
        return (loss, copy["StudentRotatedLogits"].grad, copy["StudentRotatedProjection"].grad);
    }


    [Theory]
    [InlineData(1, 0.75, 1.0, false)]
    [InlineData(2, 0.0, 0.0, true)]
    [InlineData(5, 0.5, 0.3, true)]
    [InlineData(8, 0.75, 1.0, false)]
    [InlineData(8, 1.0, 0.5, true)]
    [InlineData(13, 0.2, 0.0, false)]
    public void Fused_pass_matches_the_graph(int images, double topk, double tfTopk, bool ties)
    {
        using var scope = NewDisposeScope();
        foreach (var dtype in new[] { ScalarType.Float64, ScalarType.Float32 })
            foreach (var (tfWeight, ssWeight) in new[] { (2.7, 10.0), (0.0, 10.0), (2.7, 0.0) })
            {
                var inputs = Inputs(images, dtype, seed: images * 7 + (ties ? 1 : 0), ties);
                SskdTerm Term(bool fused) => new() { Fused = fused, TopK = topk, TfTopK = tfTopk, TfWeight = tfWeight, SsWeight = ssWeight };
                var (expected, logits, ss) = Run(Term(false), inputs, withGrad: true);
                var (loss, fusedLogits, fusedSs) = Run(Term(true), inputs, withGrad: true);
                var (value, none, alsoNone) = Run(Term(true), inputs, withGrad: false);
                string what = $"{dtype} B={images} topk={topk} tf_topk={tfTopk} weights {tfWeight}/{ssWeight}";
                Assert.Null(none);
                GoldenAssert.SameLoss(dtype, expected, loss, value, alsoNone, what);
                GoldenAssert.SameGradient(logits!, fusedLogits, dtype, what + " logits gradient");
                GoldenAssert.SameGradient(ss!, fusedSs, dtype, what + " projection gradient");
            }
    }
}
