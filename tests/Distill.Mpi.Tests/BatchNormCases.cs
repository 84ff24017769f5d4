using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Mpi.Tests;

/// <summary>
/// SyncBatchNorm against plain BatchNorm. Unit level: two float64 layers (BatchNorm2d on N×3×4×5, BatchNorm1d on
/// N×4) trained two steps on a row-wise loss with a quadratic part, then evaluated; each rank holds a block of the
/// rows. The one-process reference runs TorchSharp's own BatchNorm on the whole batch, so nothing of
/// SyncBatchNorm is in it. Training level: the real <see cref="Trainer"/> with the built-in CNN.
/// </summary>
internal static class BatchNormCases
{
    public const int Samples = 12;
    public const int Steps = 2;

    /// <summary>What one process (or one rank, for its rows) sees of a layer: per step the output rows, the input
    /// gradient rows, the parameter gradients and the running statistics after it; then the eval output rows.</summary>
    public sealed record LayerReport(List<double[]> Outputs, List<double[]> InputGradients, List<double[]> WeightGradients,
                                     List<double[]> BiasGradients, List<double[]> RunningMeans, List<double[]> RunningVars,
                                     List<long> Tracked, double[] Eval);

    public static readonly string[] Layers = ["2d", "1d"];

    private static long[] Shape(string layer, long rows) => layer == "2d" ? [rows, 3, 4, 5] : [rows, 4];

    private static BatchNorm Create(string layer)
    {
        BatchNorm norm = layer == "2d" ? nn.BatchNorm2d(3, dtype: ScalarType.Float64) : nn.BatchNorm1d(4, dtype: ScalarType.Float64);
        using var generator = new Generator(11, CPU);
        using (no_grad())
        {
            norm.weight!.copy_(rand(norm.weight.shape, ScalarType.Float64, generator: generator) + 0.5);
            norm.bias!.copy_(randn(norm.bias.shape, ScalarType.Float64, generator: generator));
        }
        return norm;
    }

    /// <summary>Step <paramref name="step"/>'s whole batch and the loss's row weights (mean 3 and scale 2, so the statistics matter).</summary>
    private static (Tensor X, Tensor R, Tensor S) Batch(string layer, int step)
    {
        using var generator = new Generator((ulong)(300 + step), CPU);
        var shape = Shape(layer, Samples);
        var x = randn(shape, ScalarType.Float64, generator: generator) * 2 + 3;
        var r = randn(shape, ScalarType.Float64, generator: generator);
        var s = rand(shape, ScalarType.Float64, generator: generator);
        return (x, r, s);
    }

    private static Tensor Rows(Tensor whole, int rank, int ranks) =>
        whole.narrow(0, rank * (Samples / ranks), Samples / ranks);

    /// <summary>
    /// The layer run on this rank's rows with <see cref="SyncBatchNorm"/> over <paramref name="group"/>, or, with
    /// <paramref name="plain"/>, the whole batch through the layer's own forward (the reference). The loss is
    /// Σ r·y + Σ s·y², a sum over rows, so the ranks' losses add up to the whole batch's.
    /// </summary>
    public static LayerReport Run(string layer, IProcessGroup group, bool plain = false)
    {
        using var scope = NewDisposeScope();
        var norm = Create(layer);
        int rank = plain ? 0 : group.Rank, ranks = plain ? 1 : group.Size;
        var report = new LayerReport([], [], [], [], [], [], [], []);
        norm.train();
        for (int step = 0; step < Steps; step++)
        {
            var (x, r, s) = Batch(layer, step);
            var own = Rows(x, rank, ranks).detach().requires_grad_();
            var y = plain ? norm.call(own) : SyncBatchNorm.Forward(norm, own, group);
            var loss = (y * Rows(r, rank, ranks)).sum() + (y.square() * Rows(s, rank, ranks)).sum();
            norm.zero_grad();
            loss.backward();
            report.Outputs.Add(Flat(y));
            report.InputGradients.Add(Flat(own.grad!));
            report.WeightGradients.Add(Flat(norm.weight!.grad!));
            report.BiasGradients.Add(Flat(norm.bias!.grad!));
            report.RunningMeans.Add(Flat(norm.running_mean!));
            report.RunningVars.Add(Flat(norm.running_var!));
            report.Tracked.Add(norm.num_batches_tracked!.to_type(ScalarType.Int64).item<long>());
        }
        norm.eval();
        using (no_grad())
        {
            var (x, _, _) = Batch(layer, Steps);
            var own = Rows(x, rank, ranks);
            return report with { Eval = Flat(plain ? norm.call(own) : SyncBatchNorm.Forward(norm, own, group)) };
        }
    }

    public static Dictionary<string, LayerReport> RunAll(IProcessGroup group) =>
        Layers.ToDictionary(l => l, l => Run(l, group), StringComparer.Ordinal);

    // ---- the real trainer ----

    /// <summary>A small CNN for teacher and student (4/8 channels, 16-wide embedding) to keep the run short.</summary>
    public static readonly ConvNetSpec Spec = new(4, 8, 16);

    public const string Recipe = "ce + bake + rkd.distance";

    /// <summary>4 SGD steps (one epoch of 96 images, global batch 24) with test evaluation after it.</summary>
    public static TrainSettings Settings(int ranks, bool sync) =>
        new() { Epochs = 1, BatchSize = 24, LearningRate = 0.1, Seed = 5, Sampler = "shuffle", Ranks = ranks, SyncBatchNorm = sync };

    /// <summary>A trainer run as a rank reports it: step totals, the epoch's metrics, final parameters and BatchNorm buffers.</summary>
    public sealed record TrainerReport(double[] Totals, double TrainAccuracy, double TestAccuracy, double TestLoss, double[] Weights, double[] Buffers);

    public static TrainerReport Train(IProcessGroup group, bool sync)
    {
        var settings = Settings(group.Size, sync);
        var train = TrainingCases.Images(0, 96);
        var test = TrainingCases.Images(100, 60);
        using var student = Trainer.CreateModel(Spec, settings.Seed);
        using var teacher = Trainer.CreateModel(Spec, 99);
        teacher.eval();
        var state = new RunState { Recipe = Recipe, Settings = settings, Student = Spec };
        var trainer = new Trainer(settings) { Group = group };
        state = trainer.Run(state, student, teacher, TrainingObjective.From(Objective.Parse(Recipe)), train, test);
        var epoch = state.Epochs.Single();
        return new TrainerReport(state.Steps.Select(s => s.Total).ToArray(), epoch.TrainAccuracy, epoch.TestAccuracy, epoch.TestLoss,
                                 TrainingCases.Flatten(student.parameters()),
                                 TrainingCases.Flatten(student.named_buffers().Where(b => b.name.Contains("running")).Select(b => b.buffer)));
    }

    public static Dictionary<string, TrainerReport> TrainBoth(IProcessGroup group) => new(StringComparer.Ordinal)
    {
        ["sync"] = Train(group, sync: true),
        ["local"] = Train(group, sync: false),
    };

    private static double[] Flat(Tensor t) => t.detach().contiguous().flatten().data<double>().ToArray();
}
