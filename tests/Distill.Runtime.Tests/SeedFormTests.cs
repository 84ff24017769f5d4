using System;
using System.Collections.Generic;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// SEED's fused CPU kernel (<see cref="SeedKernel"/>) and its plain-graph fallback against LOSSES.md §8 written
/// out here in float64, over batch sizes that do and do not fill the kernel's lanes, teacher temperatures that
/// do and do not underflow, ties in the queue, and evaluation without a gradient.
/// </summary>
public class SeedFormTests
{
    /// <summary>L and dL/ds of LOSSES.md §8, textbook form (two concatenations, softmax, log_softmax).</summary>
    private static (double Loss, Tensor Grad) Textbook(Tensor student, Tensor teacher, Tensor queue, double studentTemp, double teacherTemp)
    {
        var s = student.to_type(ScalarType.Float64).detach().requires_grad_(true);
        var t = teacher.to_type(ScalarType.Float64);
        var q = queue.to_type(ScalarType.Float64);
        var sn = s / linalg.vector_norm(s, 2, [1], true).clamp_min(1e-12);
        var tn = t / linalg.vector_norm(t, 2, [1], true).clamp_min(1e-12);
        var zs = cat([(sn * tn).sum(1, true), sn.mm(q.t())], 1) / studentTemp;
        var zt = cat([(tn * tn).sum(1, true), tn.mm(q.t())], 1) / teacherTemp;
        var loss = -(zt.softmax(1) * zs.log_softmax(1)).sum() / (double)s.shape[0];
        loss.backward();
        return (loss.item<double>(), s.grad!);
    }

    private static (Tensor Student, Tensor Teacher, Tensor Queue) Inputs(int n, int k, int d, ScalarType dtype, long seed)
    {
        using var generator = new Generator((ulong)seed, CPU);
        var student = randn([n, d], ScalarType.Float64, generator: generator);
        var teacher = randn([n, d], ScalarType.Float64, generator: generator);
        var queue = TermMath.L2Normalize(randn([k, d], ScalarType.Float64, generator: generator));
        // Ties: a teacher row in the queue twice (two equal maxima for that row), and a queue row repeated.
        queue[0] = TermMath.L2Normalize(teacher.narrow(0, 0, 1))[0];
        queue[k - 1] = queue[0].clone();
        if (k > 2) queue[1] = queue[2].clone();
        return (student.to_type(dtype), teacher.to_type(dtype), queue.to_type(dtype));
    }

    private static SeedTerm Term(Tensor queue, double studentTemp, double teacherTemp, bool fused)
    {
        var term = new SeedTerm { StudentTemp = studentTemp, TeacherTemp = teacherTemp, Queue = (int)queue.shape[0], Fused = fused };
        term.LoadState(new Dictionary<string, Tensor> { ["queue"] = queue, ["queue_ptr"] = tensor(0L) }, CPU);
        return term;
    }

    /// <summary>Loss and gradient of the term (training mode, so the queue update runs after the forward).</summary>
    private static (double Loss, Tensor? Grad) Run(SeedTerm term, Tensor student, Tensor teacher, bool withGrad)
    {
        var s = student.clone().requires_grad_(withGrad);
        var inputs = new Dictionary<string, Tensor> { ["StudentEmbedding"] = s, ["TeacherEmbedding"] = teacher };
        double loss = TermHarness.Run("seed", term, inputs);
        return (loss, s.grad);
    }

    [Theory]
    [InlineData(1, 3, 1e-4)]
    [InlineData(7, 21, 1e-4)]
    [InlineData(8, 64, 0.07)]
    [InlineData(16, 48, 1e-4)]
    [InlineData(17, 34, 2.0)]
    [InlineData(40, 160, 1e-4)]
    [InlineData(40, 160, 0.07)]
    public void Fused_and_graph_paths_match_the_textbook_form(int n, int k, double teacherTemp)
    {
        using var scope = NewDisposeScope();
        foreach (var dtype in new[] { ScalarType.Float64, ScalarType.Float32 })
        {
            var (student, teacher, queue) = Inputs(n, k, 9, dtype, seed: n * 1000 + k);
            var (expected, expectedGrad) = Textbook(student, teacher, queue, 0.2, teacherTemp);
            foreach (bool fused in new[] { true, false })
            {
                var (loss, grad) = Run(Term(queue, 0.2, teacherTemp, fused), student, teacher, withGrad: true);
                string what = $"{dtype} n={n} k={k} τt={teacherTemp} fused={fused}";
                if (dtype == ScalarType.Float64)
                {
                    GoldenAssert.Float64(expected, loss, what);
                    GoldenAssert.Tensor(expectedGrad, grad, "grad " + what);
                }
                else
                {
                    GoldenAssert.Float32(expected, loss);
                    double err = (grad!.to_type(ScalarType.Float64) - expectedGrad).abs().max().item<double>();
                    double scale = expectedGrad.abs().max().item<double>();
                    Assert.True(err <= 1e-4 * scale + 1e-6, $"grad {what}: max |Δ| = {err:E3}, max |g| = {scale:E3}");
                }
            }
        }
    }

    [Theory]
    [InlineData(5, 15)]
    [InlineData(32, 64)]
    public void Without_a_gradient_the_fused_loss_is_the_same(int n, int k)
    {
        using var scope = NewDisposeScope();
        var (student, teacher, queue) = Inputs(n, k, 9, ScalarType.Float64, seed: 3);
        var (expected, _) = Textbook(student, teacher, queue, 0.2, 1e-4);
        var (loss, grad) = Run(Term(queue, 0.2, 1e-4, fused: true), student, teacher, withGrad: false);
        GoldenAssert.Float64(expected, loss);
        Assert.Null(grad);
    }

    [Theory]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Float32)]
    public void Equal_temperatures_and_student_equal_to_teacher_give_the_entropy_and_no_gradient(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var (_, teacher, queue) = Inputs(20, 60, 9, dtype, seed: 11);
        var (expected, _) = Textbook(teacher, teacher, queue, 0.5, 0.5);
        var (loss, grad) = Run(Term(queue, 0.5, 0.5, fused: true), teacher, teacher, withGrad: true);
        if (dtype == ScalarType.Float64) GoldenAssert.Float64(expected, loss);
        else GoldenAssert.Float32(expected, loss);
        double largest = grad!.abs().max().to_type(ScalarType.Float64).item<double>();
        Assert.True(largest <= (dtype == ScalarType.Float64 ? 1e-12 : 1e-5), $"gradient at ŝ = t̂ with τs = τt: max |g| = {largest:E3}");
    }

    /// <summary>
    /// Near the minimum with small equal temperatures (ŝ = t̂, τ = 0.002, so the scores reach 500 and the loss,
    /// the teacher's entropy, is small, 0.034). Written as max + lse − Σp·zs the float32 row loss has two ~1/τ-sized
    /// halves that cancel (3e-7 to 1.3e-6 off, depending on the exp's rounding); the kernel sums log Σe^d and
    /// −Σp·d with d = zs − max, both ≥ 0, and is checked to 2e-8 (the float32 rounding of the loss is 2e-9).
    /// Truth: the textbook form in float64 of the same float32 inputs.
    /// </summary>
    [Fact]
    public void Float32_loss_near_its_minimum_does_not_cancel()
    {
        using var scope = NewDisposeScope();
        var (_, teacher, queue) = Inputs(32, 128, 16, ScalarType.Float32, seed: 5);
        var (expected, _) = Textbook(teacher, teacher, queue, 0.002, 0.002);
        var (loss, _) = Run(Term(queue, 0.002, 0.002, fused: true), teacher, teacher, withGrad: true);
        Assert.True(Math.Abs(loss - expected) <= 2e-8, $"float32 SEED at its minimum: {loss:R}, float64 textbook {expected:R} (|Δ| = {Math.Abs(loss - expected):E2})");
    }
}
