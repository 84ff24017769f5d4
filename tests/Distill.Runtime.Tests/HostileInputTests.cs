using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime.Terms;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// Inputs that used to give a wrong number, a NaN or a raw libtorch error: mixed and half-precision dtypes,
/// disposed tensors, two devices, empty batches and non-finite values. Each must be refused with a
/// <see cref="TermInputException"/> naming the term and the input, before a kernel reads it.
/// </summary>
public class HostileInputTests
{
    /// <summary>Every built-in term by name, so a new term is covered without editing this file.</summary>
    public static TheoryData<string> BuiltInTerms() => new(RuntimeCatalogue.BuiltIn.Catalogue.Terms.Select(t => t.Name));

    /// <summary>A valid batch of 8 rows (2 images for sskd's 4 rotations) for every input of the one-term recipe.</summary>
    private static Dictionary<string, Tensor> Batch(Objective objective, ScalarType dtype = ScalarType.Float32)
    {
        using var generator = new Generator(7, CPU);
        bool rotated = objective.RequiredInputs.Any(n => n.Contains("Rotated", StringComparison.Ordinal));
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var name in objective.RequiredInputs)
            inputs[name] = name == "Labels"
                ? randint(0, 5, [rotated ? 2 : 8], ScalarType.Int64, generator: generator)
                : randn([8, name.EndsWith("Logits", StringComparison.Ordinal) ? 5 : 4], dtype, generator: generator).requires_grad_(name.StartsWith("Student", StringComparison.Ordinal));
        return inputs;
    }

    private static Objective One(string term) => Objective.Parse(term == "seed" ? "seed(queue = 64)" : term);

    private static TermInputException Refuses(Objective objective, Dictionary<string, Tensor> inputs)
    {
        using var scope = NewDisposeScope();
        return Assert.Throws<TermInputException>(() => objective.Compute(inputs, TrainingProgress.Completed));
    }

    private static string FirstFloating(Dictionary<string, Tensor> inputs) =>
        inputs.Keys.Order(StringComparer.Ordinal).First(n => n != "Labels");

    [Theory]
    [MemberData(nameof(BuiltInTerms))]
    public void Every_term_runs_on_the_valid_batch(string term)
    {
        using var scope = NewDisposeScope();
        var objective = One(term);
        using var result = objective.Compute(Batch(objective), TrainingProgress.Completed);
        Assert.True(double.IsFinite(result.Total.item<float>()));
    }

    [Theory]
    [MemberData(nameof(BuiltInTerms))]
    public void Every_term_refuses_half_precision_inputs_by_name(string term)
    {
        foreach (var half in new[] { ScalarType.Float16, ScalarType.BFloat16 })
        {
            var objective = One(term);
            var inputs = Batch(objective);
            string name = FirstFloating(inputs);
            inputs[name] = inputs[name].detach().to_type(half);
            var e = Refuses(objective, inputs);
            Assert.Equal(objective.Terms[0].Name, e.Term);
            Assert.Equal(name, e.Input);
            Assert.Contains("float32 or float64", e.Message, StringComparison.Ordinal);
            Assert.Contains(half.ToString(), e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(BuiltInTerms))]
    public void Every_term_refuses_an_input_of_another_dtype_than_the_first(string term)
    {
        var objective = One(term);
        var inputs = Batch(objective);
        var floating = inputs.Keys.Where(n => n != "Labels").Order(StringComparer.Ordinal).ToList();
        if (floating.Count < 2) return; // one floating input (ce): nothing to mix
        string last = floating[^1];
        inputs[last] = inputs[last].detach().to_type(ScalarType.Float64);
        var e = Refuses(objective, inputs);
        Assert.Equal(objective.Terms[0].Name, e.Term);
        Assert.Equal(last, e.Input);
        Assert.Contains($"expected Float32 like '{floating[0]}', got Float64", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BuiltInTerms))]
    public void Every_term_names_a_disposed_input(string term)
    {
        var objective = One(term);
        var inputs = Batch(objective);
        string name = FirstFloating(inputs);
        inputs[name].Dispose();
        var e = Refuses(objective, inputs);
        Assert.Equal(name, e.Input);
        Assert.Contains("disposed", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BuiltInTerms))]
    public void Every_term_names_each_input_holding_nan_or_inf(string term)
    {
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            foreach (var name in One(term).RequiredInputs.Where(n => n != "Labels"))
            {
                var objective = One(term);
                var inputs = Batch(objective);
                using (no_grad()) inputs[name][3, 1] = bad;
                var e = Refuses(objective, inputs);
                Assert.Equal(objective.Terms[0].Name, e.Term);
                Assert.Equal(name, e.Input);
                Assert.Contains("1 non-finite value", e.Message, StringComparison.Ordinal);
                Assert.Contains("CheckFinite = false", e.Message, StringComparison.Ordinal);
            }
    }

    [Theory]
    [MemberData(nameof(BuiltInTerms))]
    public void Every_term_refuses_an_empty_batch(string term)
    {
        var objective = One(term);
        var inputs = Batch(objective).ToDictionary(kv => kv.Key, kv => kv.Value.detach().narrow(0, 0, 0));
        var e = Refuses(objective, inputs);
        Assert.Equal(objective.Terms[0].Name, e.Term);
        Assert.Contains("got [0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_finite_check_can_be_switched_off()
    {
        var objective = One("kd");
        objective.CheckFinite = false;
        var inputs = Batch(objective);
        using (no_grad()) inputs["TeacherLogits"][0, 0] = float.NaN;
        using var result = objective.Compute(inputs, TrainingProgress.Completed);
        Assert.True(float.IsNaN(result.Total.item<float>()));
    }

    [Fact]
    public void Rkd_angle_refuses_a_float32_teacher_beside_a_float64_student()
    {
        // The fused kernel once read the teacher's float32 distances as float64 (0.1549 instead of 0.0362).
        var objective = One("rkd.angle");
        var inputs = new Dictionary<string, Tensor>
        {
            ["StudentEmbedding"] = randn(6, 4, ScalarType.Float64),
            ["TeacherEmbedding"] = randn(6, 4, ScalarType.Float32),
        };
        var e = Refuses(objective, inputs);
        Assert.Equal("TeacherEmbedding", e.Input);
        Assert.Contains("expected Float64 like 'StudentEmbedding', got Float32 [6, 4]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fused_kernels_refuse_to_read_a_tensor_as_another_type()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<InvalidOperationException>(() => HostArrays.Copy<double>(ones(3)));
        Assert.Contains("expected a CPU Float64 tensor, got Float32", e.Message, StringComparison.Ordinal);
        Assert.Equal([1.0, 1.0, 1.0], HostArrays.Copy<double>(ones(3, ScalarType.Float64)));
    }

    [Fact]
    public void Inputs_on_two_devices_are_refused_by_name()
    {
        var meta = new Device(DeviceType.META);
        var objective = One("kd");
        var inputs = Batch(objective);
        inputs["TeacherLogits"] = empty([8, 5], device: meta);
        var e = Refuses(objective, inputs);
        Assert.Equal("TeacherLogits", e.Input);
        Assert.Contains("expected a tensor on cpu like 'StudentLogits', got one on meta", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ce_with_extra_logits_rows_blames_the_logits()
    {
        var objective = One("ce");
        var inputs = new Dictionary<string, Tensor> { ["StudentLogits"] = randn(5, 3), ["Labels"] = tensor(new long[] { 0, 1, 2, 1 }) };
        var e = Refuses(objective, inputs);
        Assert.Equal("StudentLogits", e.Input);
        Assert.Contains("expected 4 rows to match 'Labels', got [5, 3]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_never_enqueues_a_non_finite_teacher_batch()
    {
        // With the finite check off the NaN batch reaches the queue update; it must leave the queue as it was,
        // so the next clean batch gives exactly what it gives when the NaN batch never came.
        static (double Loss, long Pointer) Run(bool withNanBatch)
        {
            using var scope = NewDisposeScope();
            var term = new SeedTerm { Queue = 16 };
            var objective = new TermHarness("seed", term, ["StudentEmbedding", "TeacherEmbedding"]) { CheckFinite = false };
            Dictionary<string, Tensor> BatchOf(int seed)
            {
                using var g = new Generator((ulong)seed, CPU);
                return new() { ["StudentEmbedding"] = randn([4, 3], generator: g), ["TeacherEmbedding"] = randn([4, 3], generator: g) };
            }
            objective.Compute(BatchOf(1)).Dispose();
            if (withNanBatch)
            {
                var poisoned = BatchOf(2);
                poisoned["TeacherEmbedding"][2, 0] = float.NaN;
                objective.Compute(poisoned).Dispose();
            }
            using var result = objective.Compute(BatchOf(3));
            return (result.Total.item<float>(), term.QueuePointer);
        }
        var clean = Run(withNanBatch: false);
        var afterNan = Run(withNanBatch: true);
        Assert.True(double.IsFinite(afterNan.Loss));
        Assert.Equal(clean, afterNan);
    }

    [Fact]
    public void Pad_in_float32_has_a_finite_gradient_at_a_log_variance_of_100()
    {
        // v = 100: e^v overflows float32, so (t − s)²/(eps + e^v) once had the gradient Inf/Inf = NaN. From the
        // math: the first part is (t − s)²·e^{−100} ≈ 0, so the loss is mean(v) = 100, dL/dv = 1/(N·D) and dL/ds ≈ 0.
        using var scope = NewDisposeScope();
        var student = randn(4, 3).requires_grad_(true);
        var logVar = full(4, 3, 100f).requires_grad_(true);
        double loss = TermHarness.Run("pad", new PadTerm(), new Dictionary<string, Tensor>
        {
            ["StudentEmbedding"] = student,
            ["TeacherEmbedding"] = randn(4, 3),
            ["StudentLogVar"] = logVar,
        });
        Assert.Equal(100.0, loss, 4);
        Assert.True(logVar.grad!.isfinite().all().item<bool>());
        Assert.True(student.grad!.isfinite().all().item<bool>());
        Assert.Equal(1.0 / 12, logVar.grad.max().item<float>(), 6);
        Assert.Equal(1.0 / 12, logVar.grad.min().item<float>(), 6);
        Assert.Equal(0.0, student.grad.abs().max().item<float>(), 6);
    }
}
