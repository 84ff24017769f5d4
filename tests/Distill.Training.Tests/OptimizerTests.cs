using System;
using System.IO;
using System.Linq;
using Distill.Training.Data;
using Distill.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Training.Tests;

public sealed class OptimizerTests
{
    [Fact]
    public void Torch_optim_SGD_with_the_cosine_schedule_reproduces_the_hand_written_MomentumSgd_bit_for_bit()
    {
        var (train, test) = Runs.Data();
        var settings = Runs.Settings;
        using var viaTrainer = Trainer.CreateModel(ConvNetSpec.Student, settings.Seed);
        var state = new Trainer(settings).Run(Runs.State(settings), viaTrainer, null, TestObjective.Ce().ForTrainer(), train, test);

        // The loop before torch.optim: MomentumSgd with lr = lr0 * 0.5 * (1 + cos(pi * t / T)), same batches, same loss.
        using var reference = Trainer.CreateModel(ConvNetSpec.Student, settings.Seed);
        using var optimizer = new MomentumSgd(reference.named_parameters(), settings.Momentum, settings.WeightDecay);
        var sampler = new ShuffleSampler(train.Count, settings.BatchSize, settings.Seed);
        long total = (long)sampler.BatchesPerEpoch * settings.Epochs, t = 0;
        var losses = new System.Collections.Generic.List<double>();
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
            for (int i = 0; i < sampler.BatchesPerEpoch; i++, t++)
            {
                using var scope = NewDisposeScope();
                reference.train();
                var index = tensor(sampler.Batch(epoch, i));
                var loss = nn.functional.cross_entropy(reference.call(train.Images.index_select(0, index)), train.Labels.index_select(0, index));
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step(settings.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * t / total)));
                losses.Add(loss.to_type(ScalarType.Float64).item<double>());
            }
        Assert.Equal(losses, state.Steps.Select(s => s.Total));
        Assert.Equal(Runs.Flat(reference), Runs.Flat(viaTrainer));
    }

    [Fact]
    public void AdamW_with_a_recursive_cosine_scheduler_resumes_bit_identically()
    {
        string dir = Directory.CreateTempSubdirectory("distill-adamw-").FullName;
        try
        {
            string checkpoint = Path.Combine(dir, "run.ckpt");
            var whole = Fit(stopAfter: 0, checkpoint: null, resume: false);
            Fit(stopAfter: 7, checkpoint, resume: false);
            var resumed = Fit(stopAfter: 0, checkpoint, resume: true);
            Assert.Equal(whole.Weights, resumed.Weights);
            Assert.Equal(whole.State.Steps.Select(s => (s.Total, s.LearningRate)), resumed.State.Steps.Select(s => (s.Total, s.LearningRate)));
            Assert.True(whole.State.Steps[^1].LearningRate < whole.State.Steps[0].LearningRate);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static (TrainingState State, float[] Weights) Fit(long stopAfter, string? checkpoint, bool resume)
    {
        var (train, test) = Runs.Data();
        using var teacher = Runs.Teacher(train, test);
        using var student = Trainer.CreateModel(ConvNetSpec.Student, 4);
        var distiller = new Distiller(student, teacher, TestObjective.Distilling().ForTrainer())
        {
            Optimizer = Optimizers.AdamW(1e-3),
            Scheduler = (optimizer, steps) => optim.lr_scheduler.CosineAnnealingLR(optimizer, steps),
            Epochs = 2,
            CheckpointEvery = 3,
            StopAfterSteps = stopAfter,
        };
        var state = distiller.Fit(BatchSource.From(train, new ShuffleSampler(train.Count, 20, 3)), checkpoint, resume);
        return (state, Runs.Flat(student));
    }
}
