using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Mpi.Tests;

/// <summary>
/// Training runs shared by the ranks and the single-process references: a float64 two-layer model stepped with
/// the trainer's data-parallel pieces (exact comparison), and the real <see cref="Trainer"/> on small images.
/// </summary>
internal static class TrainingCases
{
    public const string Recipe = "ce + sp + rkd.distance + bake";
    public const int Steps = 4;

    /// <summary>A student embedding (linear, 8 → 6) and logits on it (6 → 5), float64, seeded.</summary>
    private sealed class Student : nn.Module<Tensor, (Tensor Embedding, Tensor Logits)>
    {
        private readonly TorchSharp.Modules.Linear _embed, _classify;

        public Student() : base("student")
        {
            _embed = nn.Linear(8, 6, dtype: ScalarType.Float64);
            _classify = nn.Linear(6, 5, dtype: ScalarType.Float64);
            RegisterComponents();
        }

        public override (Tensor Embedding, Tensor Logits) forward(Tensor x)
        {
            var e = _embed.forward(x).tanh();
            return (e, _classify.forward(e));
        }
    }

    /// <summary>
    /// <see cref="Steps"/> SGD steps on the recipe over global batches of 12 samples: the weights start from rank 0's
    /// (each rank seeds differently, so without the broadcast the ranks would not even agree), each rank feeds its block, gradients are averaged.
    /// Returns the final weights, flattened.
    /// </summary>
    public static double[] Sgd(IProcessGroup group)
    {
        Student model;
        lock (typeof(TrainingCases))
        {
            torch.manual_seed(7 + group.Rank);
            model = new Student();
        }
        var parameters = model.parameters().ToList();
        DataParallel.BroadcastFromRoot(group, parameters, model);
        var objective = Objective.Parse(Recipe);
        objective.ProcessGroup = group;
        using var optimizer = Optimizers.Sgd(0.1, 0.9, 5e-4)(parameters);
        for (int step = 0; step < Steps; step++)
        {
            using var scope = NewDisposeScope();
            using var generator = new Generator((ulong)(50 + step), CPU);
            var x = randn([GatherCases.Samples, 8], ScalarType.Float64, generator: generator);
            var teacher = randn([GatherCases.Samples, 7], ScalarType.Float64, generator: generator);
            var labels = randint(0, 5, [GatherCases.Samples], ScalarType.Int64, generator: generator);
            var (embedding, logits) = model.forward(GatherCases.Shard(x, group.Rank, group.Size));
            using var result = objective.Compute(new Dictionary<string, Tensor>
            {
                ["StudentEmbedding"] = embedding,
                ["StudentLogits"] = logits,
                ["TeacherEmbedding"] = GatherCases.Shard(teacher, group.Rank, group.Size),
                ["Labels"] = GatherCases.Shard(labels, group.Rank, group.Size),
            }, TrainingProgress.Completed);
            optimizer.zero_grad();
            result.Total.backward();
            DataParallel.AverageGradients(group, parameters);
            optimizer.step();
        }
        return Flatten(model.parameters());
    }

    public static TrainSettings Settings(int ranks) => new() { Epochs = 1, BatchSize = 20, LearningRate = 0.05, Seed = 3, CheckpointEvery = 2, StopAfterSteps = 6, Ranks = ranks };

    /// <summary>The real trainer: "ce + bake" on 100 Fashion-MNIST images, 6 steps of a global batch of 20, checkpoints every 2 steps.</summary>
    public static (RunState State, double[] Weights) Train(IProcessGroup group, string? checkpoint, ITrainingObserver? observer = null, bool resume = false,
                                                           System.Threading.CancellationToken stop = default)
    {
        var settings = Settings(group.Size);
        var train = Images(0, 100);
        var test = Images(100, 40);
        using var student = Trainer.CreateModel(ConvNetSpec.Student, settings.Seed);
        var state = new RunState { Recipe = "ce + bake", Settings = settings, Student = ConvNetSpec.Student };
        var trainer = new Trainer(settings, observer) { Group = group };
        state = trainer.Run(state, student, null, TrainingObjective.From(Objective.Parse("ce + bake")), train, test, checkpoint, resume, stop: stop);
        return (state, Flatten(student.parameters()));
    }

    /// <summary>Images of the shipped Fashion-MNIST split (the repository's data/fashion-mnist): <paramref name="count"/> from <paramref name="start"/>.</summary>
    internal static LabelledImages Images(int start, int count)
    {
        var (train, test) = FashionMnist.Load(FashionMnist.Locate(FashionMnist.Shipped, System.IO.Path.Combine(MpiRun.RepositoryRoot, "data", "fashion-mnist")));
        using (train)
        using (test)
            return test.Slice(start, count);
    }

    internal static double[] Flatten(IEnumerable<Tensor> parameters)
    {
        using var all = cat(parameters.Select(p => p.detach().to_type(ScalarType.Float64).flatten()).ToArray());
        return all.data<double>().ToArray();
    }
}
