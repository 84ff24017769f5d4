using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Distill.Runtime.Schedules;
using Distill.Runtime.Terms;
using Distill.Runtime.Tests.Fixtures;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>Objective.Parse / Load / TryParse on real recipes, through the compiler.</summary>
public class ObjectiveParseTests
{
    private static readonly RuntimeCatalogue User = RuntimeCatalogue.FromTypes(
        typeof(CeTerm), typeof(KdTerm), typeof(UserTerms.ProbeTerm), typeof(UserTerms.ConstantSchedule));

    [Fact]
    public void Parses_a_recipe_into_its_weighted_terms()
    {
        var objective = Objective.Parse("let T = 2\nce + 0.9 * kd(T = T)");

        Assert.Equal([("ce", 1.0), ("kd(T=2)", 0.9)], objective.Terms.Select(t => (t.Name, t.Weight)));
        Assert.Equal(2.0, Assert.IsType<KdTerm>(objective.Terms[1].Term).T);
        Assert.Equal(["Labels", "StudentLogits", "TeacherLogits"], objective.RequiredInputs);
        Assert.Equal("let T = 2\nce + 0.9 * kd(T = T)", objective.Source);
    }

    [Fact]
    public void Loaded_and_hand_built_objectives_give_the_same_total()
    {
        var g = manual_seed(3);
        var inputs = new Dictionary<string, Tensor>
        {
            ["StudentLogits"] = randn(6, 4, dtype: ScalarType.Float64, generator: g),
            ["TeacherLogits"] = randn(6, 4, dtype: ScalarType.Float64, generator: g),
            ["Labels"] = randint(0, 4, [6], generator: g),
        };
        var loaded = Objective.Parse("0.1 * ce + 0.9 * kd(T = 4)");
        var harness = new TermHarness("kd", new KdTerm { T = 4 }, ["StudentLogits", "TeacherLogits"]);
        using var ce = new TermHarness("ce", new CeTerm(), ["Labels", "StudentLogits"]).Compute(inputs.Where(kv => kv.Key != "TeacherLogits").ToDictionary());
        using var kd = harness.Compute(inputs.Where(kv => kv.Key != "Labels").ToDictionary());

        using var result = loaded.Compute(inputs, TrainingProgress.Completed);

        Assert.Equal(0.1 * ce.Total.item<double>() + 0.9 * kd.Total.item<double>(), result.Total.item<double>(), 12);
    }

    [Fact]
    public void Errors_throw_with_every_diagnostic_in_canonical_form()
    {
        var error = Assert.Throws<RecipeException>(() => Objective.Parse("ce + kd(temp = 2)\n  + warmup * kd", path: "r.distill"));

        Assert.Equal(
            ["r.distill(1,9): error DST0102: unknown parameter 'temp' for 'kd'; did you mean 'T'?",
             "r.distill(2,5): error DST0205: 'warmup' needs exactly one of 'epochs' or 'steps'; add one of them"],
            error.FormattedDiagnostics);
        Assert.Equal(string.Join(Environment.NewLine, error.FormattedDiagnostics), error.Message);
        Assert.Equal("r.distill", error.Path);
    }

    [Fact]
    public void Load_names_the_file_in_diagnostics()
    {
        string path = Path.Combine(Path.GetTempPath(), $"distill-{Guid.NewGuid():N}.distill");
        File.WriteAllText(path, "ce + kd(T = 0)\n");
        try
        {
            var error = Assert.Throws<RecipeException>(() => Objective.Load(path));

            Assert.StartsWith($"{path}(1,13): error DST0202: ", Assert.Single(error.FormattedDiagnostics));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TryParse_returns_warnings_with_the_objective()
    {
        var result = Objective.TryParse("let x = 3\nce + kd");

        Assert.NotNull(result.Objective);
        Assert.False(result.HasErrors);
        Assert.Equal(["recipe.distill(1,5): warning DST0401: let 'x' is never used; remove it"], result.FormattedDiagnostics);
    }

    [Fact]
    public void TryParse_returns_errors_without_an_objective()
    {
        var result = Objective.TryParse("ce * kd");

        Assert.Null(result.Objective);
        Assert.True(result.HasErrors);
        Assert.Throws<RecipeException>(() => result.GetObjectiveOrThrow());
    }

    [Fact]
    public void Schedules_get_their_arguments_and_defaults()
    {
        var objective = Objective.Parse("ce + warmup(steps = 50) * kd + cosine(epochs = 10, to = 0.5) * kd(T = 2) + step(at = 3) * kd(T = 8)");

        var warmup = Assert.IsType<WarmupSchedule>(objective.Terms[1].Schedule);
        var cosine = Assert.IsType<CosineSchedule>(objective.Terms[2].Schedule);
        var step = Assert.IsType<StepSchedule>(objective.Terms[3].Schedule);
        Assert.Equal((null, 50L), (warmup.Epochs, warmup.Steps));
        Assert.Equal((1.0, 0.5, 10.0), (cosine.From, cosine.To, cosine.Epochs));
        Assert.Equal((3.0, 0.0), (step.At, step.Gamma));
    }

    [Fact]
    public void User_terms_and_schedules_load_through_the_catalogue()
    {
        var objective = Objective.Parse("ce + constant(value = 2) * probe(at = layer3, limit = 1, mode = sum, count = 3)", catalogue: User);

        var probe = Assert.IsType<UserTerms.ProbeTerm>(objective.Terms[1].Term);
        Assert.Equal((ProbeMode.Sum, 3, "layer3", 1.0), (probe.Mode, probe.Count, probe.At, probe.Limit));
        Assert.Equal(2.0, objective.Terms[1].WeightAt(TrainingProgress.Completed));
        Assert.Equal(["Labels", "StudentLayer3", "StudentLogits"], objective.RequiredInputs);
    }

    [Fact]
    public void User_terms_are_unknown_to_the_built_in_catalogue()
    {
        var result = Objective.TryParse("ce + probe(limit = 1)");

        Assert.Contains(result.Diagnostics, d => d.Id == "DST0101");
    }

    [Fact]
    public void A_missing_input_of_a_parsed_recipe_is_named()
    {
        var objective = Objective.Parse("ce + probe(at = layer3, limit = 1)", catalogue: User);
        var inputs = new Dictionary<string, Tensor> { ["StudentLogits"] = randn(2, 3), ["Labels"] = zeros(2, dtype: ScalarType.Int64) };

        var error = Assert.Throws<TermInputException>(() => objective.Compute(inputs, TrainingProgress.Completed));

        Assert.Contains("StudentLayer3", error.Message);
    }
}
