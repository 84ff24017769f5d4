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
    /// The real trainer on 2 ranks ("ce + bake", 6 steps, checkpoints every 2): both ranks end with the same weights
    /// and report the same averaged losses. Then rank 0 dies at step 3: the job stops (no hang), the step-2 checkpoint
    /// is readable, one process refuses to resume it, and 2 ranks resume it to the uninterrupted run's weights.
    /// The comparison with one process is BatchNormTests.Two_rank_trainer_with_the_cnn_follows_the_one_process_run.
    /// </summary>
    [Fact]
    public void The_trainer_runs_data_parallel_and_resumes_after_a_dead_rank()
    {
        var (outcome, ranks) = MpiRun.Host<TrainReport>("train", 2, TimeSpan.FromSeconds(90));
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Equal(2, ranks.Length);
        Assert.Equal(ranks[0].Weights, ranks[1].Weights);
        Assert.Equal(ranks[0].Totals, ranks[1].Totals);
        Assert.Equal(6, ranks[0].Totals.Length);

        string folder = Directory.CreateTempSubdirectory("distill-mpi-crash-").FullName;
        try
        {
            var crash = MpiRun.Start(2, TimeSpan.FromSeconds(60), "dotnet", typeof(MpiHost).Assembly.Location, "mpi-host", "crash", folder);
            Assert.NotEqual(0, crash.ExitCode);
            string checkpoint = Path.Combine(folder, "checkpoint.ckpt");
            var (model, state) = RunCheckpoint.LoadModel(checkpoint);
            using (model)
                Assert.Equal(2, state.GlobalStep);
            var refused = Assert.Throws<InvalidOperationException>(() => TrainingCases.Train(SingleProcess.Instance, checkpoint, resume: true));
            Assert.Contains("ranks: 2 in the checkpoint, 1 now", refused.Message);

            var (resumed, resumedRanks) = MpiRun.Host<TrainReport>("resume", 2, TimeSpan.FromSeconds(90), folder);
            Assert.True(resumed.ExitCode == 0, resumed.Output);
            Assert.Equal(ranks[0].Weights, resumedRanks[0].Weights);
            Assert.Equal(ranks[0].Weights, resumedRanks[1].Weights);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// SIGINT reaches rank 1 only (before step 1): both ranks stop after step 1 (the stop flag is all-reduced with
    /// the step's metrics), the job ends normally instead of rank 0 waiting in step 2's collectives for a rank that
    /// has left, and rank 0 has written the step-1 checkpoint.
    /// </summary>
    [Fact]
    public void A_signal_to_one_rank_stops_every_rank_at_the_same_step()
    {
        string folder = Directory.CreateTempSubdirectory("distill-mpi-stop-").FullName;
        try
        {
            var (outcome, ranks) = MpiRun.Host<StopReport>("stop", 2, TimeSpan.FromSeconds(60), folder);
            Assert.True(outcome.ExitCode == 0, outcome.Output);
            Assert.Equal(2, ranks.Length);
            Assert.Equal(new StopReport(1, true, null), ranks[0]);
            Assert.Equal(new StopReport(1, true, "SIGINT"), ranks[1]);
            var (model, state) = RunCheckpoint.LoadModel(Path.Combine(folder, "checkpoint.ckpt"));
            using (model)
                Assert.Equal(1, state.GlobalStep);
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
