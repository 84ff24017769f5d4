using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Catalogue;
using Distill.Runtime.Schedules;
using Distill.Runtime.Terms;
using Distill.Runtime.Tests.Fixtures;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Distill.Runtime.Tests;

/// <summary>Instantiating and evaluating bound recipes (the part of Objective.Load after the compiler).</summary>
public class ObjectiveCreateTests
{
    private static readonly RuntimeCatalogue Builtin = RuntimeCatalogue.BuiltIn;

    private static readonly RuntimeCatalogue User = RuntimeCatalogue.FromTypes(
        typeof(CeTerm), typeof(UserTerms.ProbeTerm), typeof(UserTerms.CounterTerm), typeof(UserTerms.ConstantSchedule), typeof(WarmupSchedule));

    private static Dictionary<string, Tensor> LogitsAndLabels()
    {
        var g = manual_seed(7);
        return new Dictionary<string, Tensor>
        {
            ["StudentLogits"] = randn(8, 5, dtype: ScalarType.Float64, generator: g).requires_grad_(true),
            ["TeacherLogits"] = randn(8, 5, dtype: ScalarType.Float64, generator: g),
            ["Labels"] = randint(0, 5, [8], generator: g),
        };
    }

    [Fact]
    public void Computes_the_weighted_sum_of_its_terms()
    {
        var recipe = TestRecipes.Recipe(
            TestRecipes.Term(Builtin, "ce"),
            TestRecipes.Term(Builtin, "kd", 0.5, null, ("T", ParamValue.Of(2.0))));
        var objective = Objective.Create(recipe, "ce + 0.5 * kd(T = 2)", "test.distill");
        var inputs = LogitsAndLabels();

        using var result = objective.Compute(inputs, TrainingProgress.Completed);

        var s = inputs["StudentLogits"];
        var t = inputs["TeacherLogits"];
        var kd = (softmax(t / 2, 1) * (log_softmax(t / 2, 1) - log_softmax(s / 2, 1))).sum() * 4 / 8;
        double expected = cross_entropy(s, inputs["Labels"]).item<double>() + 0.5 * kd.item<double>();
        Assert.Equal(expected, result.Total.item<double>(), 10);
        Assert.Equal(["ce", "kd(T=2)"], result.Terms.Select(v => v.Name));
        Assert.Equal(0.5, result.Terms[1].Weight);
        Assert.Equal(2.0, Assert.IsType<KdTerm>(objective.Terms[1].Term).T);
    }

    [Fact]
    public void Required_inputs_are_the_recipes_inputs_sorted()
    {
        var objective = Objective.Create(TestRecipes.Recipe(TestRecipes.Term(Builtin, "kd"), TestRecipes.Term(Builtin, "ce")), "kd + ce", "t");

        Assert.Equal(["Labels", "StudentLogits", "TeacherLogits"], objective.RequiredInputs);
    }

    [Fact]
    public void A_missing_input_is_rejected_by_name()
    {
        var objective = Objective.Create(TestRecipes.Recipe(TestRecipes.Term(Builtin, "kd")), "kd", "t");
        var inputs = LogitsAndLabels();
        inputs.Remove("TeacherLogits");
        inputs.Remove("Labels");

        var error = Assert.Throws<TermInputException>(() => objective.Compute(inputs, TrainingProgress.Completed));

        Assert.Equal("TeacherLogits", error.Input);
        Assert.Contains("'TeacherLogits'", error.Message);
    }

    [Fact]
    public void An_extra_input_is_rejected_by_name()
    {
        var objective = Objective.Create(TestRecipes.Recipe(TestRecipes.Term(Builtin, "kd")), "kd", "t");

        var error = Assert.Throws<TermInputException>(() => objective.Compute(LogitsAndLabels(), TrainingProgress.Completed));

        Assert.Equal("Labels", error.Input);
        Assert.Contains("not used by this recipe", error.Message);
    }

    [Fact]
    public void Sets_every_parameter_kind_from_bound_arguments()
    {
        var term = TestRecipes.Term(User, "probe", 1, null,
            ("scale", ParamValue.Of(3.0)), ("count", ParamValue.Of(7.0)), ("flag", ParamValue.Of(true)),
            ("mode", ParamValue.OfIdentifier("sum")), ("at", ParamValue.OfIdentifier("layer3")), ("limit", ParamValue.Of(0.25)));

        var objective = Objective.Create(TestRecipes.Recipe(term), "probe(...)", "t", catalogue: User);

        var probe = Assert.IsType<UserTerms.ProbeTerm>(objective.Terms[0].Term);
        Assert.Equal((3.0, 7, true, ProbeMode.Sum, "layer3", 0.25, 0.0), (probe.Scale, probe.Count, probe.Flag, probe.Mode, probe.At, probe.Limit, probe.Offset));
        Assert.Equal(["Labels", "StudentLayer3"], objective.RequiredInputs);
    }

    [Fact]
    public void Evaluates_a_user_term_reading_its_tap()
    {
        var term = TestRecipes.Term(User, "probe", 2, null, ("scale", ParamValue.Of(3.0)), ("at", ParamValue.OfIdentifier("layer3")), ("limit", ParamValue.Of(1.0)));
        var objective = Objective.Create(TestRecipes.Recipe(term), "2 * probe(...)", "t", catalogue: User);
        var inputs = new Dictionary<string, Tensor> { ["StudentLayer3"] = full(4, 3, 0.5, dtype: ScalarType.Float64), ["Labels"] = zeros(4, dtype: ScalarType.Int64) };

        using var result = objective.Compute(inputs, TrainingProgress.Completed);

        Assert.Equal(3.0, result.Total.item<double>(), 12);
    }

    [Fact]
    public void A_schedule_scales_the_weight_with_progress()
    {
        var warmup = TestRecipes.Schedule(User, "warmup", ("epochs", ParamValue.Of(4.0)));
        var objective = Objective.Create(TestRecipes.Recipe(TestRecipes.Term(User, "ce", 0.8, warmup)), "0.8 * warmup(epochs = 4) * ce", "t", catalogue: User);
        var inputs = LogitsAndLabels();
        inputs.Remove("TeacherLogits");

        using var early = objective.Compute(inputs, new TrainingProgress(100, 100, 10));
        using var late = objective.Compute(inputs, new TrainingProgress(900, 100, 10));

        Assert.Equal(0.2, early.Terms[0].Weight, 12);
        Assert.Equal(0.8, late.Terms[0].Weight, 12);
        Assert.Equal(4.0, Assert.IsType<WarmupSchedule>(objective.Terms[0].Schedule).Epochs);
        Assert.Null(((WarmupSchedule)objective.Terms[0].Schedule!).Steps);
    }

    [Fact]
    public void A_user_schedule_from_the_catalogue_is_instantiated()
    {
        var constant = TestRecipes.Schedule(User, "constant", ("value", ParamValue.Of(0.0)));
        var objective = Objective.Create(TestRecipes.Recipe(TestRecipes.Term(User, "counter", 1, constant)), "constant(value = 0) * counter", "t", catalogue: User);

        using var result = objective.Compute(new Dictionary<string, Tensor> { ["StudentLogits"] = ones(2, 2) }, TrainingProgress.Completed);

        Assert.Null(result.Terms[0].Value);
        Assert.Equal(0, ((UserTerms.CounterTerm)objective.Terms[0].Term).AfterForwardCalls);
    }

    [Fact]
    public void Stateful_terms_update_in_training_only_and_expose_their_state()
    {
        var objective = Objective.Create(TestRecipes.Recipe(TestRecipes.Term(User, "counter")), "counter", "t", catalogue: User);
        var inputs = new Dictionary<string, Tensor> { ["StudentLogits"] = ones(2, 2) };

        objective.Compute(inputs, TrainingProgress.Completed).Dispose();
        objective.Compute(inputs, TrainingProgress.Completed).Dispose();
        objective.Training = false;
        objective.Compute(inputs, TrainingProgress.Completed).Dispose();

        Assert.Equal(2, ((UserTerms.CounterTerm)objective.Terms[0].Term).AfterForwardCalls);
        Assert.Equal(2.0, objective.StateDict()["counter/count"].item<double>());
    }

    [Fact]
    public void A_term_type_missing_from_the_catalogue_is_named()
    {
        var recipe = TestRecipes.Recipe(TestRecipes.Term(Builtin, "kd"));

        var error = Assert.Throws<KeyNotFoundException>(() => Objective.Create(recipe, "kd", "t", catalogue: User));

        Assert.Contains(typeof(KdTerm).FullName!, error.Message);
    }
}
