using System.IO;
using System.Linq;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training.Tests;

public sealed class TrainerTests
{
    [Fact]
    public void A_few_steps_of_distillation_learn_the_tiny_task()
    {
        var (state, _, counter) = Runs.Distil(Runs.Settings);
        Assert.Equal(20, state.Steps.Count);
        Assert.Equal(2, state.Epochs.Count);
        Assert.Equal(20, counter);
        Assert.True(state.Epochs[^1].TestAccuracy > 0.5, $"accuracy {state.Epochs[^1].TestAccuracy}");
        Assert.True(state.Steps[^1].Total < state.Steps[0].Total);
        Assert.Equal(new[] { "ce", "match", "counter" }, state.Steps[0].Terms.Select(t => t.Name));
        Assert.Equal(0.5, state.Steps[0].Terms[1].Weight);
    }

    [Fact]
    public void A_resumed_run_ends_exactly_where_an_uninterrupted_one_does()
    {
        string dir = Directory.CreateTempSubdirectory("distill-resume-").FullName;
        try
        {
            string checkpoint = Path.Combine(dir, "run.ckpt");
            var settings = Runs.Settings with { CheckpointEvery = 3 };
            var whole = Runs.Distil(settings);
            Runs.Distil(settings with { StopAfterSteps = 7 }, checkpoint);
            var resumed = Runs.Distil(settings, checkpoint, resume: true);
            Assert.Equal(whole.Weights, resumed.Weights);
            Assert.Equal(whole.Counter, resumed.Counter);
            Assert.Equal(whole.State.Steps.Select(s => (s.Step, s.Total)), resumed.State.Steps.Select(s => (s.Step, s.Total)));
            Assert.Equal(whole.State.Epochs.Select(e => (e.TrainLoss, e.TestAccuracy)), resumed.State.Epochs.Select(e => (e.TrainLoss, e.TestAccuracy)));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Resuming_with_settings_that_change_the_numbers_is_refused()
    {
        string dir = Directory.CreateTempSubdirectory("distill-resume-").FullName;
        try
        {
            string checkpoint = Path.Combine(dir, "run.ckpt");
            Runs.Distil(Runs.Settings with { StopAfterSteps = 3, CheckpointEvery = 3 }, checkpoint);
            var e = Assert.Throws<System.InvalidOperationException>(() => Runs.Distil(Runs.Settings with { LearningRate = 0.1 }, checkpoint, resume: true));
            Assert.EndsWith("resume with the same settings; learning rate: 0.05 in the checkpoint, 0.1 now.", e.Message);
            e = Assert.Throws<System.InvalidOperationException>(() => Runs.Distil(Runs.Settings with { Epochs = 1, BatchSize = 10 }, checkpoint, resume: true));
            Assert.EndsWith("epochs: 2 in the checkpoint, 1 now (epochs may only be raised); batch size: 20 in the checkpoint, 10 now.", e.Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Epochs_may_be_raised_on_resume_and_the_run_goes_on_from_where_it_stopped()
    {
        string dir = Directory.CreateTempSubdirectory("distill-resume-").FullName;
        try
        {
            string checkpoint = Path.Combine(dir, "run.ckpt");
            var first = Runs.Distil(Runs.Settings with { Epochs = 1 }, checkpoint);
            var longer = Runs.Distil(Runs.Settings with { Epochs = 2 }, checkpoint, resume: true);
            Assert.Equal(2, longer.State.Epochs.Count);
            Assert.Equal(2, longer.State.Settings.Epochs);
            Assert.Equal(first.State.Steps.Select(s => s.Total), longer.State.Steps.Take(first.State.Steps.Count).Select(s => s.Total));
            Assert.Equal(first.State.Epochs[0], longer.State.Epochs[0]);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_diverged_loss_stops_training_with_the_step_and_the_terms()
    {
        var (train, test) = Runs.Data();
        using var student = Trainer.CreateModel(ConvNetSpec.Student, 1);
        var objective = new TestObjective([new("ce", new CeTerm(), 1), new("nan", new NanTerm(), 1)]);
        var e = Assert.Throws<System.InvalidOperationException>(() =>
            new Trainer(Runs.Settings).Run(Runs.State(Runs.Settings), student, null, objective.ForTrainer(), train, test));
        Assert.Contains("the loss is NaN at step 1", e.Message);
        Assert.Contains("nan NaN", e.Message);
    }

    [Fact]
    public void A_recipe_needing_an_input_the_models_cannot_feed_is_refused_before_training()
    {
        var (train, test) = Runs.Data();
        using var student = Trainer.CreateModel(ConvNetSpec.Student, 1);
        var before = student.parameters().First().detach().clone();
        var objective = new TestObjective([new("ce", new CeTerm(), 1), new("x", new NeedsTerm("StudentLayer3"), 1)]);
        var e = Assert.Throws<UnsatisfiableInputException>(() =>
            new Trainer(Runs.Settings).Run(Runs.State(Runs.Settings), student, null, objective.ForTrainer(), train, test));
        Assert.Equal("StudentLayer3", e.Input);
        Assert.Contains("'StudentLayer3'", e.Message);
        Assert.True(before.eq(student.parameters().First()).all().item<bool>());
    }

    [Fact]
    public void Sskd_and_pad_inputs_come_from_rotated_views_and_the_variance_branch()
    {
        var (train, _) = Runs.Data();
        using var student = Trainer.CreateModel(ConvNetSpec.Student, 1);
        using var teacher = Trainer.CreateModel(ConvNetSpec.Teacher, 2);
        var objective = Objective.Parse("0.1 * ce + 0.9 * kd + sskd + pad");
        var distiller = new Distiller(student, teacher, objective)
        {
            Extras = { new SskdViews(student.Projection, teacher.Projection), new PadVariance(student.LogVariance) },
        };
        using var scope = TorchSharp.torch.NewDisposeScope();
        var images = train.Images.narrow(0, 0, 6);
        var shapes = distiller.Check(new Batch(images, train.Labels.narrow(0, 0, 6)));
        Assert.Equal(new long[] { 24, 10 }, shapes["StudentRotatedLogits"]);
        Assert.Equal(new long[] { 24, 32 }, shapes["TeacherRotatedProjection"]);
        Assert.Equal(new long[] { 6, 10 }, shapes["StudentLogits"]);
        Assert.Equal(new long[] { 6, 64 }, shapes["StudentLogVar"]);
        var rotated = SskdViews.Rotations(images);
        Assert.True(rotated[5].eq(images[1].rot90(1, (1, 2))).all().item<bool>());
        // The plain taps are rows 4i of the rotated batch: the un-rotated images.
        var plain = new SskdViews(student.Projection, null).Plain(rotated);
        Assert.True(plain.eq(images).all().item<bool>());
    }
}
