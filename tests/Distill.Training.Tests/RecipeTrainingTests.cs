using System.Linq;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training.Tests;

public sealed class RecipeTrainingTests
{
    [Fact]
    public void A_loaded_kd_recipe_trains_a_student_against_a_teacher()
    {
        var (train, test) = Runs.Data();
        using var teacher = Runs.Teacher(train, test);
        using var student = Trainer.CreateModel(ConvNetSpec.Student, 5);
        var objective = Objective.Parse("0.1 * ce + 0.9 * kd(T = 4)");
        var state = new Trainer(Runs.Settings).Run(Runs.State(Runs.Settings), student, teacher, TrainingObjective.From(objective), train, test);
        Assert.Equal(new[] { "ce", "kd" }, state.Steps[0].Terms.Select(t => t.Name));
        Assert.Equal(new[] { 0.1, 0.9 }, state.Steps[0].Terms.Select(t => t.Weight));
        Assert.True(state.Steps[^1].Total < state.Steps[0].Total);
    }

    [Theory]
    [InlineData("ce + bake", typeof(Distill.Runtime.Samplers.CompanionSampler))]
    [InlineData("kd(T = 1) + 0.003 * cc", typeof(Distill.Runtime.Samplers.ClassUniformSampler))]
    [InlineData("ce + kd", typeof(ShuffleSampler))]
    public void The_auto_sampler_follows_the_recipe(string recipe, System.Type expected)
    {
        var (train, _) = Runs.Data();
        var sampler = Batches.For(Runs.Settings, Objective.Parse(recipe), train);
        Assert.IsType(expected, sampler);
        var batch = sampler.Batch(0, 0);
        Assert.Equal(expected == typeof(Distill.Runtime.Samplers.ClassUniformSampler) ? 16 : 20, batch.Length);
        if (expected != typeof(ShuffleSampler))
        {
            var labels = batch.Select(i => train.Labels[i].item<long>()).ToList();
            Assert.True(labels.Distinct().Count() < labels.Count, "same-class samples share the batch");
        }
    }

    [Fact]
    public void The_superclass_sampler_clusters_the_teachers_embeddings_and_needs_a_teacher()
    {
        var (train, test) = Runs.Data();
        var settings = Runs.Settings with { Sampler = "superclass" };
        var objective = Objective.Parse("kd(T = 1) + 0.003 * cc");
        var e = Assert.Throws<System.ArgumentException>(() => Batches.For(settings, objective, train));
        Assert.Contains("teacher", e.Message);

        using var teacher = Runs.Teacher(train, test);
        var sampler = Assert.IsType<Distill.Runtime.Samplers.SuperclassSampler>(Batches.For(settings, objective, train, teacher));
        Assert.Equal(train.Count, sampler.Superclasses.Count);
        Assert.Equal(Batches.SurClusters, sampler.Superclasses.Distinct().Count());
        var batch = sampler.Batch(0, 0);
        Assert.Equal(Batches.SurClustersPerBatch * (settings.BatchSize / Batches.SurClustersPerBatch), batch.Length);
        Assert.Equal(Batches.SurClustersPerBatch, batch.Select(i => sampler.Superclasses[(int)i]).Distinct().Count());

        // The clusters are the teacher's: recomputing its embeddings and clustering again gives the same ones.
        var again = new Distill.Runtime.Samplers.SuperclassSampler(Batches.TeacherEmbeddings(teacher, train, settings),
            Batches.SurClusters, Batches.SurClustersPerBatch, settings.BatchSize / Batches.SurClustersPerBatch, settings.Seed);
        Assert.Equal(sampler.Superclasses, again.Superclasses);
    }

    [Theory]
    [InlineData("ce + sp(at = layer3)", "StudentLayer3")]
    [InlineData("ce + rkd.distance(at = pooled)", "StudentPooled")]
    public void A_loaded_recipe_with_an_unfeedable_input_is_refused_naming_it(string recipe, string input)
    {
        var objective = Objective.Parse(recipe);
        var e = Assert.Throws<UnsatisfiableInputException>(() => Trainer.Check(objective));
        Assert.Equal(input, e.Input);
        Assert.Equal(recipe.Contains("sp") ? "sp(at=layer3)" : "rkd.distance(at=pooled)", e.Term);
        Assert.Contains(recipe.Contains("sp") ? "did you mean 'layer1'?" : "Its module paths: bn1, bn2, bnfc, conv1, conv2, embedding", e.Message);
    }

    [Theory]
    [InlineData("ce + 25 * rkd.distance(at = layer1)")]
    [InlineData("ce + 3000 * sp(at = features)")]
    [InlineData("0.1 * ce + 0.9 * kd(T = 4) + sp(at = layer2)")]
    [InlineData("ce + 25 * rkd.distance + 50 * rkd.angle")]
    [InlineData("0.1 * ce + 0.9 * kd(T = 4) + sskd")]
    [InlineData("ce + pad")]
    [InlineData("ce + seed(queue = 100)")]
    [InlineData("ce + bake + 0.003 * cc")]
    public void Every_built_in_term_can_be_fed_for_one_step(string recipe)
    {
        var (train, test) = Runs.Data();
        using var teacher = Trainer.CreateModel(ConvNetSpec.Teacher, 2);
        using var student = Trainer.CreateModel(ConvNetSpec.Student, 5);
        var settings = Runs.Settings with { StopAfterSteps = 1 };
        var state = new Trainer(settings).Run(Runs.State(settings), student, teacher, TrainingObjective.From(Objective.Parse(recipe)), train, test);
        Assert.Single(state.Steps);
        Assert.True(double.IsFinite(state.Steps[0].Total), $"{recipe}: total {state.Steps[0].Total}");
    }
}
