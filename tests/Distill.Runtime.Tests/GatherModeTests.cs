using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Catalogue;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>The <c>gather</c> argument of batch-relational terms: declared by the attribute, checked by the compiler, set on the term.</summary>
public class GatherModeTests
{
    private static readonly string[] Relational = ["bake", "cc", "rkd.angle", "rkd.distance", "seed", "sp", "sskd"];

    [Fact]
    public void Exactly_the_relational_built_ins_have_a_gather_parameter_defaulting_to_global()
    {
        var terms = RuntimeCatalogue.BuiltIn.Catalogue.Terms;
        var withGather = terms.Where(t => t.Parameters.Any(p => p.Name == GatherParameter.Name)).Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(Relational, withGather);
        foreach (var term in terms.Where(t => Relational.Contains(t.Name)))
        {
            var gather = term.Parameters[term.Parameters.Count - 1];
            Assert.Equal(GatherParameter.Name, gather.Name);
            Assert.Equal(ParamKind.Enum, gather.Kind);
            Assert.Equal(["global", "local"], gather.EnumValues);
            Assert.Equal("global", gather.Default!.Identifier);
        }
    }

    [Fact]
    public void A_recipe_sets_the_mode_per_term()
    {
        var objective = Objective.Parse("ce + sp(gather = local) + rkd.distance");
        Assert.Equal([GatherMode.None, GatherMode.Local, GatherMode.Global], objective.Terms.Select(t => t.Term.Gather));
    }

    [Theory]
    [InlineData("kd(gather = global)", "gather")]
    [InlineData("sp(gather = none)", "none")]
    [InlineData("sp(gather = 1)", "gather")]
    public void The_compiler_rejects_a_gather_it_cannot_apply(string recipe, string named)
    {
        var result = Objective.TryParse(recipe);
        Assert.True(result.HasErrors);
        Assert.Contains(result.FormattedDiagnostics, d => d.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void A_row_wise_term_has_no_mode_to_set()
    {
        var ce = Objective.Parse("ce").Terms[0].Term;
        Assert.Equal(GatherMode.None, ce.DeclaredGather);
        Assert.Throws<InvalidOperationException>(() => ce.Gather = GatherMode.Global);
    }

    [Fact]
    public void One_process_gives_the_same_loss_in_both_modes()
    {
        using var generator = new Generator(5, CPU);
        var inputs = new Dictionary<string, Tensor>
        {
            ["StudentEmbedding"] = randn([8, 4], ScalarType.Float64, generator: generator),
            ["TeacherEmbedding"] = randn([8, 3], ScalarType.Float64, generator: generator),
        };
        double Loss(string mode)
        {
            using var result = Objective.Parse($"sp(gather = {mode}) + rkd.angle(gather = {mode})").Compute(inputs, TrainingProgress.Completed);
            return result.Total.item<double>();
        }
        Assert.Equal(Loss("global"), Loss("local"));
    }
}
