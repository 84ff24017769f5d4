using System;
using System.IO;
using System.Linq;
using Distill.Runtime;
using Distill.Runtime.Terms;
using Distill.Training.Data;
using static TorchSharp.torch;

namespace Distill.Training.Tests;

public sealed class DistillerTests
{
    private static (Distiller Distiller, LabelledImages Train) Make(string recipe, int studentChannels = 4, RuntimeCatalogue? catalogue = null,
                                                                    ExtraInputs? extra = null, long stopAfter = 0)
    {
        var (train, _) = Runs.Data();
        var teacher = SmallNets.Create(8, 11);
        var student = SmallNets.Create(studentChannels, 12);
        var distiller = new Distiller(student, teacher, Objective.Parse(recipe, catalogue: catalogue))
        {
            Optimizer = Optimizers.Sgd(0.05),
            Scheduler = Optimizers.Cosine(),
            Epochs = 2,
            StopAfterSteps = stopAfter,
            Extras = extra is null ? [] : [extra],
        };
        return (distiller, train);
    }

    private static IBatchSource Data(LabelledImages train, bool labels = true) =>
        BatchSource.FromEpochs(epoch => Enumerable.Range(0, 10).Select(i =>
            new Batch(train.Images.narrow(0, 20 * i, 20), labels ? train.Labels.narrow(0, 20 * i, 20) : null)), 10);

    [Fact]
    public void Taps_by_module_path_feed_a_plain_sequential_student_and_teacher()
    {
        var (distiller, train) = Make("ce + kd + 100 * sp(at = features_2) + 10 * rkd.distance");
        var shapes = distiller.Check(new Batch(train.Images.narrow(0, 20, 20), train.Labels.narrow(0, 20, 20)));
        Assert.Equal(new long[] { 20, 4, 14, 14 }, shapes["StudentFeatures2"]);
        Assert.Equal(new long[] { 20, 8, 14, 14 }, shapes["TeacherFeatures2"]);
        // The embedding defaults to the input of the last Linear the forward pass runs: fc's, the flattened features.
        Assert.Equal(new long[] { 20, 8 * 49 }, shapes["StudentEmbedding"]);
        Assert.Equal(new long[] { 20, 16 * 49 }, shapes["TeacherEmbedding"]);
        var state = distiller.Fit(Data(train));
        Assert.Equal(20, state.Steps.Count);
        Assert.True(state.Steps[^1].Total < state.Steps[0].Total, $"{state.Steps[0].Total} -> {state.Steps[^1].Total}");
        Assert.All(state.Steps, s => Assert.True(s.Terms.Single(t => t.Name == "sp(at=features_2)").Raw > 0));
    }

    [Fact]
    public void A_tap_that_does_not_exist_names_the_term_lists_the_paths_and_suggests_the_nearest()
    {
        var (distiller, train) = Make("ce + sp(at = featurs_2)");
        var before = Runs.Flat(distiller.Student);
        var e = Assert.Throws<UnsatisfiableInputException>(() => distiller.Fit(Data(train)));
        Assert.Equal("sp(at=featurs_2)", e.Term);
        Assert.Equal("StudentFeaturs2", e.Input);
        Assert.Contains("did you mean 'features.2'?", e.Message);
        Assert.Contains("Its module paths: fc, features, features.0, features.1, features.2", e.Message, StringComparison.Ordinal);

        Assert.Contains("Fix: tap a module that exists (at = features_2)", e.Message);
        Assert.Equal(before, Runs.Flat(distiller.Student));
    }

    [Fact]
    public void Embeddings_of_different_widths_for_pad_fail_on_the_dry_run_before_step_one()
    {
        var (distiller, train) = Make("ce + pad", extra: new PadVariance(new PadVarianceBranch(8 * 49)));
        var before = Runs.Flat(distiller.Student);
        var e = Assert.Throws<UnsatisfiableInputException>(() => distiller.Fit(Data(train)));
        Assert.Equal("pad", e.Term);
        Assert.Equal("TeacherEmbedding", e.Input);
        Assert.Contains("[20, 392]", e.Message);
        Assert.Contains("[20, 784]", e.Message);
        Assert.Contains("StudentEmbedding ← fc (input)", e.Message);
        Assert.Contains("Fix: tap modules whose outputs fit this term", e.Message);
        Assert.Equal(before, Runs.Flat(distiller.Student));
    }

    [Fact]
    public void Pad_without_its_variance_branch_says_which_helper_to_add()
    {
        var (distiller, train) = Make("ce + pad", studentChannels: 8);
        var e = Assert.Throws<UnsatisfiableInputException>(() => distiller.Fit(Data(train)));
        Assert.Equal("StudentLogVar", e.Input);
        Assert.Contains("new PadVariance(", e.Fix);
    }

    [Fact]
    public void Labels_missing_from_the_data_are_refused_naming_the_term()
    {
        var (distiller, train) = Make("0.1 * ce + kd");
        var e = Assert.Throws<UnsatisfiableInputException>(() => distiller.Fit(Data(train, labels: false)));
        Assert.Equal("ce", e.Term);
        Assert.Equal("Labels", e.Input);
        Assert.Contains("the data gives no labels", e.Message);
    }

    [Fact]
    public void A_recipe_reading_the_teacher_without_one_is_refused()
    {
        var (train, _) = Runs.Data();
        var distiller = new Distiller(SmallNets.Create(4, 1), null, Objective.Parse("ce + kd"));
        var e = Assert.Throws<UnsatisfiableInputException>(() => distiller.Fit(Data(train)));
        Assert.Equal("kd", e.Term);
        Assert.Equal("TeacherLogits", e.Input);
    }

    [Fact]
    public void A_term_from_the_users_assembly_trains()
    {
        var catalogue = RuntimeCatalogue.FromAssemblies(typeof(LogitMatchTerm).Assembly);
        var (distiller, train) = Make("logit_match", catalogue: catalogue);
        var state = distiller.Fit(Data(train));
        var match = state.Steps.Select(s => s.Terms.Single(t => t.Name == "logit_match").Raw).ToList();
        Assert.True(match[^1] < match[0], $"logit_match {match[0]} -> {match[^1]}");
    }

    [Fact]
    public void A_seeded_DataLoader_feeds_the_run_and_resumes_bit_identically()
    {
        string dir = Directory.CreateTempSubdirectory("distill-loader-").FullName;
        try
        {
            string checkpoint = Path.Combine(dir, "run.ckpt");
            (TrainingState, float[]) Run(long stopAfter, bool resume)
            {
                var (distiller, train) = Make("ce + kd + 100 * sp(at = features_2)", stopAfter: stopAfter);
                using var loader = utils.data.DataLoader(new SmallNets.ImagesDataset(train), 20, shuffle: true, seed: 5);
                var state = distiller.Fit(BatchSource.From(loader), checkpoint, resume);
                return (state, Runs.Flat(distiller.Student));
            }
            var (whole, wholeWeights) = Run(0, false);
            File.Delete(checkpoint);
            Run(13, false);
            var (resumed, resumedWeights) = Run(0, true);
            Assert.Equal(20, whole.Steps.Count);
            Assert.Equal(whole.Steps.Select(s => s.Total), resumed.Steps.Select(s => s.Total));
            Assert.Equal(wholeWeights, resumedWeights);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
