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
            Console.Error.WriteLine("usage: mpi-host gather|die|sgd|train|resume|crash|cost|batchnorm|trainer-batchnorm|stop OUT");
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
            "cost" => Cost(group),
            "batchnorm" => BatchNormCases.RunAll(group),
            "trainer-batchnorm" => BatchNormCases.TrainBoth(group),
            "stop" => StopOneRank(group, args[2]),
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
                    queue = GatherCases.Queue(objective);
                }
                report[$"{term}/{mode}"] = new GatherReport(loss, gradients, queue);
            }
        return report;
    }

    /// <summary>
    /// Not a test: the cost of the collectives a training step makes (docs/distributed.md), median milliseconds of
    /// 50 calls after 5 warm-ups: the gradient all-reduce of the built-in student, the all-gather of a
    /// 64-wide float32 embedding block and of 10 logits for a global batch of 128, and the buffer broadcast.
    /// </summary>
    private static Dictionary<string, double> Cost(IProcessGroup group)
    {
        using var student = Distill.Training.Trainer.CreateModel(Distill.Training.Models.ConvNetSpec.Student, 1);
        long parameters = student.parameters().Sum(p => p.numel());
        long buffers = student.buffers().Sum(b => b.numel());
        int rows = 128 / group.Size;
        using var gradient = TorchSharp.torch.zeros(parameters);
        using var embedding = TorchSharp.torch.zeros(rows, 64);
        using var logits = TorchSharp.torch.zeros(rows, 10);
        double Median(Action call)
        {
            for (int i = 0; i < 5; i++) call();
            var times = new double[50];
            for (int i = 0; i < times.Length; i++)
            {
                group.Barrier();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                call();
                times[i] = clock.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            return times[times.Length / 2];
        }
        return new Dictionary<string, double>
        {
            ["ranks"] = group.Size,
            ["parameters"] = parameters,
            ["allreduce_ms"] = Median(() => group.AllReduceSum(gradient)),
            ["allgather_embedding_ms"] = Median(() => group.AllGather(embedding)),
            ["allgather_logits_ms"] = Median(() => group.AllGather(logits)),
            ["buffers"] = buffers,
            ["broadcast_buffers_ms"] = Median(() => Distill.Training.DataParallel.BroadcastBuffers(group, student)),
        };
    }

    /// <summary>
    /// A real SIGINT to rank 1 only, before step 1 (through <see cref="Distill.Training.StopSignals"/>, as the CLI
    /// installs them); then the trainer runs on every rank with its own rank's token.
    /// </summary>
    private static StopReport StopOneRank(IProcessGroup group, string folder)
    {
        using var signals = new Distill.Training.StopSignals();
        if (group.Rank == 1)
        {
            using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
                kill.WaitForExit();
            if (!signals.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(10))) throw new TimeoutException("SIGINT did not arrive");
        }
        var (state, _) = TrainingCases.Train(group, Path.Combine(folder, "checkpoint.ckpt"), stop: signals.Token);
        return new StopReport(state.GlobalStep, state.Interrupted, signals.Received?.ToString());
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
    public void OnStart(Distill.Training.TrainingState state, int stepsPerEpoch) { }
    public void OnStep(Distill.Training.StepMetrics metrics)
    {
        if (metrics.Step == step) Environment.Exit(4);
    }
    public void OnEpoch(Distill.Training.EpochMetrics epoch) { }
    public void OnCheckpoint(string path) { }
}

/// <summary>Where a rank's run stopped, and the signal it got itself (null: none).</summary>
internal sealed record StopReport(long GlobalStep, bool Interrupted, string? Signal);

/// <summary>What a rank reports for one term and mode.</summary>
internal sealed record GatherReport(double Loss, Dictionary<string, double[]> Gradients, double[]? Queue);
