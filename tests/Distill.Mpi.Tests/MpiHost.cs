using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Distill.Runtime;

namespace Distill.Mpi.Tests;

/// <summary>
/// The test assembly's entry point when started by <c>scripts/mpirun.sh</c>: <c>mpi-host SCENARIO OUT</c>.
/// Each rank writes <c>OUT/rank{r}.json</c>; the tests compare those with single-process references.
/// </summary>
internal static class MpiHost
{
    public static int Main(string[] args)
    {
        if (args.Length != 3 || args[0] != "mpi-host")
        {
            Console.Error.WriteLine("usage: mpi-host gather|die|sgd|train|resume|crash OUT");
            return 2;
        }
        using var group = MpiProcessGroup.World();
        object report = args[1] switch
        {
            "gather" => Gather(group),
            "die" => Die(group),
            "sgd" => TrainingCases.Sgd(group),
            "train" => TrainReport.Of(TrainingCases.Train(group, Path.Combine(args[2], "checkpoint.ckpt"))),
            "resume" => TrainReport.Of(TrainingCases.Train(group, Path.Combine(args[2], "checkpoint.ckpt"), resume: true)),
            "crash" => TrainReport.Of(TrainingCases.Train(group, Path.Combine(args[2], "checkpoint.ckpt"), new ExitAtStep(3))),
            _ => throw new ArgumentException($"unknown scenario '{args[1]}'"),
        };
        File.WriteAllText(Path.Combine(args[2], $"rank{group.Rank}.json"), JsonSerializer.Serialize(report));
        return 0;
    }

    /// <summary>Every term in both modes: step 0's loss and gradients of this rank's rows; for seed, the queue after three steps.</summary>
    private static Dictionary<string, GatherReport> Gather(IProcessGroup group)
    {
        var report = new Dictionary<string, GatherReport>(StringComparer.Ordinal);
        foreach (var term in GatherCases.Terms)
            foreach (var mode in GatherCases.Modes)
            {
                var objective = GatherCases.Objective(term, mode);
                objective.ProcessGroup = group;
                var (loss, gradients) = GatherCases.Evaluate(objective, GatherCases.Shard(GatherCases.Batch(objective, 0), group.Rank, group.Size));
                double[]? queue = null;
                if (term == "seed")
                {
                    for (int step = 1; step < 3; step++)
                        GatherCases.Evaluate(objective, GatherCases.Shard(GatherCases.Batch(objective, step), group.Rank, group.Size));
                    queue = objective.StateDict().Single(kv => kv.Key.EndsWith("/queue", StringComparison.Ordinal)).Value.contiguous().data<double>().ToArray();
                }
                report[$"{term}/{mode}"] = new GatherReport(loss, gradients, queue);
            }
        return report;
    }

    /// <summary>Rank 1 exits in the middle of the job; the others wait in a collective that can never complete.</summary>
    private static object Die(IProcessGroup group)
    {
        if (group.Rank == 1) Environment.Exit(3);
        group.Barrier();
        return "unreachable";
    }
}

/// <summary>A trainer run as a rank reports it: the step totals (averaged over ranks) and the final weights.</summary>
internal sealed record TrainReport(double[] Totals, double[] Weights)
{
    public static TrainReport Of((Distill.Training.RunState State, double[] Weights) run) =>
        new(run.State.Steps.Select(s => s.Total).ToArray(), run.Weights);
}

/// <summary>Rank 0's observer that kills its process at a step, after the checkpoint of the step before.</summary>
internal sealed class ExitAtStep(long step) : Distill.Training.ITrainingObserver
{
    public void OnStart(Distill.Training.RunState state, int stepsPerEpoch) { }
    public void OnStep(Distill.Training.StepMetrics metrics)
    {
        if (metrics.Step == step) Environment.Exit(4);
    }
    public void OnEpoch(Distill.Training.EpochMetrics epoch) { }
    public void OnCheckpoint(string path) { }
}

/// <summary>What a rank reports for one term and mode.</summary>
internal sealed record GatherReport(double Loss, Dictionary<string, double[]> Gradients, double[]? Queue);
