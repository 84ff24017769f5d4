using System;
using System.IO;
using System.Linq;
using Distill.Runtime;
using Distill.Training;

namespace Distill.Mpi.Tests;

/// <summary>Data-parallel training with real MPI processes against one process with the same global batch.</summary>
public sealed class TrainingTests
{
    /// <summary>
    /// Exact: a model without batch statistics, stepped with the trainer's data-parallel pieces on "ce + sp +
    /// rkd.distance + bake" (global), ends with the one-process weights (float64, 1e-9 of the largest weight).
    /// </summary>
    [Fact]
    public void Two_ranks_follow_the_one_process_trajectory()
    {
        var expected = TrainingCases.Sgd(SingleProcess.Instance);
        var (outcome, ranks) = MpiRun.Host<double[]>("sgd", 2, TimeSpan.FromSeconds(60));
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        double scale = expected.Max(Math.Abs);
        foreach (var weights in ranks)
        {
            Assert.Equal(expected.Length, weights.Length);
            double worst = expected.Zip(weights, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= 1e-9 * scale, $"largest weight difference {worst:R} (scale {scale:R})");
        }
    }

    /// <summary>
    /// The real trainer on 2 ranks: both end with the same weights and report the same (averaged) losses, one per
    /// step of the one-process run. Not the one-process numbers: the built-in CNN's BatchNorm normalises with each
    /// rank's batch statistics, as PyTorch's DDP does without SyncBatchNorm (docs/distributed.md).
    /// </summary>
    [Fact]
    public void The_trainer_runs_data_parallel()
    {
        var (outcome, ranks) = MpiRun.Host<TrainReport>("train", 2, TimeSpan.FromSeconds(90));
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Equal(2, ranks.Length);
        Assert.Equal(ranks[0].Weights, ranks[1].Weights);
        Assert.Equal(ranks[0].Totals, ranks[1].Totals);
        Assert.Equal(5, ranks[0].Totals.Length);
        Assert.All(ranks[0].Totals, t => Assert.True(double.IsFinite(t)));
    }

    /// <summary>A rank that dies mid-run ends the job (no hang) and the last checkpoint, of step 2, stays readable.</summary>
    [Fact]
    public void A_dead_rank_stops_the_job_and_keeps_the_checkpoint()
    {
        string folder = Directory.CreateTempSubdirectory("distill-mpi-crash-").FullName;
        try
        {
            var outcome = MpiRun.Start(2, TimeSpan.FromSeconds(60), "dotnet", typeof(MpiHost).Assembly.Location, "mpi-host", "crash", folder);
            Assert.NotEqual(0, outcome.ExitCode);
            Assert.Contains("exit", outcome.Output, StringComparison.OrdinalIgnoreCase);
            var (model, state) = RunCheckpoint.LoadModel(Path.Combine(folder, "checkpoint.ckpt"));
            using (model)
                Assert.Equal(2, state.GlobalStep);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_rank_that_exits_makes_the_others_stop()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (outcome, _) = MpiRun.Host<string>("die", 3, TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
    }
}
