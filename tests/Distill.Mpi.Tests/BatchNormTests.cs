using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime;

namespace Distill.Mpi.Tests;

/// <summary>SyncBatchNorm on real MPI ranks against one process's plain BatchNorm on the whole batch.</summary>
public sealed class BatchNormTests
{
    /// <summary>
    /// K ranks holding row blocks of one float64 batch: every rank's output rows and input-gradient rows are the
    /// whole batch's (the input gradient includes the other ranks' share through the global mean and variance), the
    /// ranks' parameter gradients add up to the whole batch's, and every rank's running statistics, after each of
    /// two steps, and its eval-mode output equal one process's; all within 1e-9 of the largest magnitude.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ranks_match_one_process_batch_norm(int ranks)
    {
        var (outcome, reports) = MpiRun.Host<Dictionary<string, BatchNormCases.LayerReport>>("batchnorm", ranks, TimeSpan.FromSeconds(60));
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Equal(ranks, reports.Length);
        foreach (var layer in BatchNormCases.Layers)
        {
            var expected = BatchNormCases.Run(layer, SingleProcess.Instance, plain: true);
            var got = reports.Select(r => r[layer]).ToArray();
            for (int step = 0; step < BatchNormCases.Steps; step++)
            {
                string at = $"{layer}, step {step + 1}, K = {ranks}";
                Close(expected.Outputs[step], got.SelectMany(r => r.Outputs[step]).ToArray(), $"output, {at}");
                Close(expected.InputGradients[step], got.SelectMany(r => r.InputGradients[step]).ToArray(), $"input gradient, {at}");
                Close(expected.WeightGradients[step], Sum(got.Select(r => r.WeightGradients[step])), $"weight gradient, {at}");
                Close(expected.BiasGradients[step], Sum(got.Select(r => r.BiasGradients[step])), $"bias gradient, {at}");
                foreach (var r in got)
                {
                    Close(expected.RunningMeans[step], r.RunningMeans[step], $"running mean, {at}");
                    Close(expected.RunningVars[step], r.RunningVars[step], $"running var, {at}");
                    Assert.Equal(expected.Tracked[step], r.Tracked[step]);
                }
            }
            Close(expected.Eval, got.SelectMany(r => r.Eval).ToArray(), $"eval output, {layer}, K = {ranks}");
        }
    }

    /// <summary>
    /// The real trainer with the built-in CNN (4/8 channels), "ce + bake + rkd.distance" against a frozen CNN teacher,
    /// one epoch of 4 SGD steps (global batch 24, momentum, weight decay, cosine learning rate) and the test evaluation:
    /// both ranks of a 2-rank run end with the one-process run's weights and BatchNorm running statistics, and report
    /// its step losses. Float32, so the ranks sum in another order than one process (half-batch sums, the gradient
    /// all-reduce, the statistics' all-reduce): measured 4.6e-6 (weights), 5.2e-6 (running statistics) and 1.1e-6
    /// (losses) of the largest magnitude after 4 steps. Tolerance 1e-4 (weights, statistics) and 2e-5 (losses), about
    /// 20× those. The same run with per-rank BatchNorm (TrainSettings.SyncBatchNorm = false, i.e. DDP without
    /// SyncBatchNorm) misses by 6e-2, 3e-1 and 1e-1: the comparison tells the two apart by three orders of magnitude.
    /// The epoch's train accuracy (all ranks' rows) and test accuracy equal the one-process run's exactly (counts on
    /// weights 5e-6 apart; no prediction flips here), the test loss within 2e-5.
    /// </summary>
    [Fact]
    public void Two_rank_trainer_with_the_cnn_follows_the_one_process_run()
    {
        var expected = BatchNormCases.Train(SingleProcess.Instance, sync: true);
        var (outcome, reports) = MpiRun.Host<Dictionary<string, BatchNormCases.TrainerReport>>("trainer-batchnorm", 2, TimeSpan.FromSeconds(120));
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Equal(2, reports.Length);
        Assert.Equal(4, expected.Totals.Length);
        foreach (var report in reports)
        {
            var sync = report["sync"];
            Close(expected.Weights, sync.Weights, "weights", 1e-4);
            Close(expected.Buffers, sync.Buffers, "running statistics", 1e-4);
            Close(expected.Totals, sync.Totals, "step losses", 2e-5);
            // Every rank's rows: the correct counts are summed over the ranks, not rank 0's shard.
            Assert.Equal(expected.TrainAccuracy, sync.TrainAccuracy);
            // The test set is evaluated in K blocks and reduced: the whole set's numbers on every rank.
            Assert.Equal(expected.TestAccuracy, sync.TestAccuracy);
            Close([expected.TestLoss], [sync.TestLoss], "test loss", 2e-5);
            var local = report["local"];
            Assert.False(Within(expected.Weights, local.Weights, 1e-4) && Within(expected.Buffers, local.Buffers, 1e-4),
                         "per-rank BatchNorm also matched the one-process run: the comparison cannot tell them apart");
        }
    }

    private static bool Within(double[] expected, double[] actual, double relative) =>
        expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max() <= relative * expected.Max(Math.Abs);

    private static double[] Sum(IEnumerable<double[]> parts) =>
        parts.Aggregate((a, b) => a.Zip(b, (x, y) => x + y).ToArray());

    internal static void Close(double[] expected, double[] actual, string what, double relative = 1e-9)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(expected.Max(Math.Abs), 1e-300);
        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= relative * scale, $"{what}: largest difference {worst:R} (scale {scale:R})");
    }
}
