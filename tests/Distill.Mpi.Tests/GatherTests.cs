using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime;

namespace Distill.Mpi.Tests;

/// <summary>
/// The proof of the gather semantics with real MPI processes (loopback): every relational term, in both modes,
/// on K = 2 and K = 3 ranks that each hold a block of one float64 batch, against one process.
/// </summary>
public sealed class GatherTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ranks_match_one_process(int ranks)
    {
        var (outcome, reports) = MpiRun.Host<Dictionary<string, GatherReport>>("gather", ranks, TimeSpan.FromSeconds(60));
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Equal(ranks, reports.Length);
        foreach (var term in GatherCases.Terms)
        {
            CheckGlobal(term, reports.Select(r => r[$"{term}/global"]).ToArray());
            CheckLocal(term, reports.Select(r => r[$"{term}/local"]).ToArray());
        }
    }

    /// <summary>
    /// global: every rank's loss is the whole batch's, and its rows' gradient is K times the whole batch's gradient
    /// on those rows (the objective's data-parallel scaling, which the trainer's gradient mean divides out).
    /// </summary>
    private static void CheckGlobal(string term, GatherReport[] ranks)
    {
        int k = ranks.Length;
        var objective = GatherCases.Objective(term, "global");
        var (loss, gradients) = GatherCases.Evaluate(objective, GatherCases.Batch(objective, 0));
        for (int r = 0; r < k; r++)
        {
            Close(loss, ranks[r].Loss, $"{term} global, rank {r} of {k}: loss");
            foreach (var (input, whole) in gradients)
                Close(Block(whole, r, k).Select(g => g * k).ToArray(), ranks[r].Gradients[input], $"{term} global, rank {r} of {k}: d/d{input}");
        }
        if (term == "seed") CheckQueues(term, ranks, "global");
    }

    /// <summary>local: each rank's loss and gradients are those of its own block alone; the reported loss is their mean.</summary>
    private static void CheckLocal(string term, GatherReport[] ranks)
    {
        int k = ranks.Length;
        var perRank = new double[k];
        for (int r = 0; r < k; r++)
        {
            var objective = GatherCases.Objective(term, "local");
            var (loss, gradients) = GatherCases.Evaluate(objective, GatherCases.Shard(GatherCases.Batch(objective, 0), r, k));
            perRank[r] = loss;
            Close(loss, ranks[r].Loss, $"{term} local, rank {r} of {k}: loss");
            foreach (var (input, own) in gradients)
                Close(own, ranks[r].Gradients[input], $"{term} local, rank {r} of {k}: d/d{input}");
        }
        if (term == "seed") CheckQueues(term, ranks, "local");
    }

    /// <summary>
    /// seed: after three steps every rank's queue equals one process's that saw the whole batches (global),
    /// or the queue of one process that saw only that rank's blocks (local).
    /// </summary>
    private static void CheckQueues(string term, GatherReport[] ranks, string mode)
    {
        int k = ranks.Length;
        for (int r = 0; r < k; r++)
        {
            var objective = GatherCases.Objective(term, mode);
            for (int step = 0; step < 3; step++)
            {
                var batch = GatherCases.Batch(objective, step);
                GatherCases.Evaluate(objective, mode == "global" ? batch : GatherCases.Shard(batch, r, k));
            }
            var queue = GatherCases.Queue(objective);
            Close(queue, ranks[r].Queue!, $"{term} {mode}, rank {r} of {k}: queue after 3 steps");
            if (mode == "global") Assert.Equal(ranks[0].Queue!, ranks[r].Queue!);
        }
    }

    /// <summary>Rank r's rows of a flattened whole-batch gradient (contiguous blocks of equal size).</summary>
    private static double[] Block(double[] whole, int rank, int ranks)
    {
        int size = whole.Length / ranks;
        return whole.Skip(rank * size).Take(size).ToArray();
    }

    private static void Close(double expected, double actual, string what) => Close([expected], [actual], what);

    private static void Close(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        double scale = Math.Max(expected.Max(Math.Abs), 1e-300);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance * scale,
                $"{what}[{i}]: {actual[i]:R}, expected {expected[i]:R} (tolerance {Tolerance} × {scale:R})");
    }
}
