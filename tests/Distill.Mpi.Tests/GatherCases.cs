using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Mpi.Tests;

/// <summary>
/// The relational terms and their float64 inputs for one global batch of <see cref="Samples"/> samples,
/// and how a batch is split over K ranks (contiguous blocks of samples, rank order). The MPI ranks
/// (<see cref="MpiHost"/>) and the single-process references in the tests build them the same way.
/// </summary>
internal static class GatherCases
{
    /// <summary>Samples in the global batch: divisible by K = 2 and K = 3.</summary>
    public const int Samples = 12;

    /// <summary>The terms with a gather mode, as recipe calls (seed's queue: two global batches).</summary>
    public static readonly string[] Terms = ["rkd.distance", "rkd.angle", "sp", "cc", "bake", "seed", "sskd"];

    public static readonly string[] Modes = ["global", "local"];

    public static string Recipe(string term, string mode) =>
        term == "seed" ? $"seed(queue = {2 * Samples}, gather = {mode})" : $"{term}(gather = {mode})";

    public static Objective Objective(string term, string mode) => Runtime.Objective.Parse(Recipe(term, mode));

    /// <summary>The whole batch of step <paramref name="step"/> for the objective's inputs (deterministic).</summary>
    public static Dictionary<string, Tensor> Batch(Objective objective, int step)
    {
        using var generator = new Generator((ulong)(1000 + 17 * step), CPU);
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var name in objective.RequiredInputs)
        {
            inputs[name] = name switch
            {
                "Labels" => randint(0, 5, [Samples], ScalarType.Int64, generator: generator),
                _ when name.Contains("Rotated") => randn([4 * Samples, name.EndsWith("Logits") ? 5 : 6], ScalarType.Float64, generator: generator),
                "StudentLogits" => randn([Samples, 5], ScalarType.Float64, generator: generator),
                _ => randn([Samples, 6], ScalarType.Float64, generator: generator),
            };
        }
        return inputs;
    }

    /// <summary>Rank <paramref name="rank"/>'s rows of <paramref name="whole"/> out of <paramref name="ranks"/>: a contiguous block of samples (4 rows each for rotated inputs).</summary>
    public static Tensor Shard(Tensor whole, int rank, int ranks)
    {
        long rowsPerSample = whole.shape[0] / Samples, samples = Samples / ranks;
        return whole.narrow(0, rank * samples * rowsPerSample, samples * rowsPerSample).clone();
    }

    public static Dictionary<string, Tensor> Shard(Dictionary<string, Tensor> whole, int rank, int ranks) =>
        whole.ToDictionary(kv => kv.Key, kv => Shard(kv.Value, rank, ranks), StringComparer.Ordinal);

    /// <summary>SEED's queue rows, flattened (the objective's one seed term).</summary>
    public static double[] Queue(Objective objective) =>
        objective.StateDict().Single(kv => kv.Key.EndsWith("/queue", StringComparison.Ordinal)).Value.contiguous().data<double>().ToArray();

    /// <summary>Whether autograd should reach the input (the student side).</summary>
    public static bool Trainable(string input) => input.StartsWith("Student", StringComparison.Ordinal);

    /// <summary>One evaluation: the loss and the gradient of every student input after backward (zeros where none reaches it, e.g. bake's features).</summary>
    public static (double Loss, Dictionary<string, double[]> Gradients) Evaluate(Objective objective, Dictionary<string, Tensor> inputs)
    {
        foreach (var (name, t) in inputs)
            if (Trainable(name)) t.requires_grad_(true);
        using var result = objective.Compute(inputs, TrainingProgress.Completed);
        result.Total.backward();
        var gradients = inputs.Where(kv => Trainable(kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value.grad?.contiguous().data<double>().ToArray() ?? new double[kv.Value.numel()], StringComparer.Ordinal);
        return (result.Total.item<double>(), gradients);
    }
}
