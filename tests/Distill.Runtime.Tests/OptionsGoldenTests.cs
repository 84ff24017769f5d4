using System.Collections.Generic;
using System.Linq;
using Distill.Runtime.Terms;
using Distill.Runtime.Tests.Golden;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// The official-code options (RKD squared distances, CC's bilinear kernel, teacher gradients for cc and sp)
/// against Golden/options.json, computed independently by Golden/options_golden.py (PyTorch, float64).
/// </summary>
public class OptionsGoldenTests
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["student"] = "StudentEmbedding",
        ["teacher"] = "TeacherEmbedding",
    };

    public static IEnumerable<object[]> Cases => GoldenFile.LoadLocal("options").Cases.Select(c => new object[] { c.Name });

    private static (string Name, LossTerm Term) Term(GoldenCase c) => c.Name switch
    {
        "rkd_distance_squared" or "rkd_distance_squared_duplicate" => ("rkd.distance", new RkdDistanceTerm { Squared = true }),
        "cc_bilinear" => ("cc", new CcTerm { CorrelationKernel = CcKernel.Bilinear }),
        "cc_teacher_grad" => ("cc", new CcTerm { Gamma = c.Param("gamma"), POrder = (int)c.Param("p_order"), DetachTeacher = false }),
        "cc_bilinear_teacher_grad" => ("cc", new CcTerm { CorrelationKernel = CcKernel.Bilinear, DetachTeacher = false }),
        "sp_teacher_grad" => ("sp", new SpTerm { DetachTeacher = false }),
        _ => throw new KeyNotFoundException(c.Name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_golden_loss_and_gradients(string name)
    {
        var c = GoldenFile.LoadLocal("options").Case(name);
        var (term, _) = Term(c);
        GoldenAssert.Case(c, () => Term(c).Term, term, Names);
    }

    [Theory]
    [InlineData("cc")]
    [InlineData("sp")]
    public void The_teacher_stays_a_constant_by_default(string recipe)
    {
        using var scope = NewDisposeScope();
        var objective = Objective.Parse(recipe);
        var g = new Generator(5, CPU);
        var s = randn([5, 4], ScalarType.Float64, generator: g).requires_grad_(true);
        var t = randn([5, 3], ScalarType.Float64, generator: g).requires_grad_(true);
        using var result = objective.Compute(new Dictionary<string, Tensor> { ["StudentEmbedding"] = s, ["TeacherEmbedding"] = t }, TrainingProgress.Completed);
        result.Total.backward();
        Assert.NotNull(s.grad);
        Assert.Null(t.grad);
    }

    [Theory]
    [InlineData("rkd.distance(squared = true)", "rkd_distance_squared")]
    [InlineData("cc(kernel = bilinear)", "cc_bilinear")]
    [InlineData("cc(gamma = 0.4, p_order = 2, detach_teacher = false)", "cc_teacher_grad")]
    [InlineData("sp(detach_teacher = false)", "sp_teacher_grad")]
    public void Recipes_reach_the_options(string recipe, string name)
    {
        using var scope = NewDisposeScope();
        var c = GoldenFile.LoadLocal("options").Case(name);
        var inputs = TermHarness.Inputs(c, Names, ScalarType.Float64);
        using var result = Objective.Parse(recipe).Compute(inputs, TrainingProgress.Completed);
        GoldenAssert.Float64(c.Output("loss"), result.Total.item<double>(), recipe);
    }
}
