using System.Linq;
using System.Threading;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using static TorchSharp.torch;

namespace Distill.Training.Tests;

/// <summary>Small, fast training runs on <see cref="TinyData"/> shared by the trainer tests and the crash host.</summary>
internal static class Runs
{
    public static TrainSettings Settings { get; } = new() { Epochs = 2, BatchSize = 20, LearningRate = 0.05, Seed = 3 };

    public static (LabelledImages Train, LabelledImages Test) Data() => (TinyData.Make(200, 1), TinyData.Make(100, 2));

    public static ConvNet Teacher(LabelledImages train, LabelledImages test)
    {
        var teacher = Trainer.CreateModel(ConvNetSpec.Student, 99);
        new Trainer(Settings with { Epochs = 1 }).Run(State(Settings), teacher, null, TestObjective.Ce().ForTrainer(), train, test);
        return teacher;
    }

    public static RunState State(TrainSettings settings) => new() { Recipe = "ce + 0.5*match + counter", Settings = settings, Student = ConvNetSpec.Student };

    /// <summary>Runs the distilling objective; returns the final state, weights and the objective's step counter.</summary>
    public static (RunState State, float[] Weights, long Counter) Distil(TrainSettings settings, string? checkpoint = null, bool resume = false,
                                                                         ITrainingObserver? observer = null, CancellationToken stop = default)
    {
        var (train, test) = Data();
        using var teacher = Teacher(train, test);
        using var student = Trainer.CreateModel(ConvNetSpec.Student, settings.Seed);
        var objective = TestObjective.Distilling();
        var state = new Trainer(settings, observer).Run(State(settings), student, teacher, objective.ForTrainer(), train, test, checkpoint, resume, stop: stop);
        var counter = ((StepCounterTerm)objective.Terms.Single(t => t.Name == "counter").Term).Count;
        return (state, Flat(student), counter);
    }

    /// <summary>Every parameter of <paramref name="model"/>, flattened and concatenated.</summary>
    public static float[] Flat(TorchSharp.torch.nn.Module model)
    {
        using var scope = NewDisposeScope();
        return cat(model.parameters().Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();
    }
}
