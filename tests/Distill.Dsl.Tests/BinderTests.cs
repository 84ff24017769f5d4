using System.Linq;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Text;

namespace Distill.Dsl.Tests;

public class BinderTests
{
    private static BoundRecipe Bind(string text)
    {
        var result = RecipeCompiler.Compile(text, TestCatalogue.Instance);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        return result.Recipe!;
    }

    private static (string Name, double Weight) Summary(BoundTerm t) => (t.DisplayName, t.Weight);

    [Fact]
    public void Constants_fold_into_the_weight()
    {
        var term = Assert.Single(Bind("2 * 3 * kd / 4 * (1 + 1)").Terms);
        Assert.Equal(3.0, term.Weight);
    }

    [Fact]
    public void Lets_resolve_in_any_order_and_feed_weights_and_arguments()
    {
        var recipe = Bind("let w = half * 2\nlet half = .25\nlet T = 2\nw * kd(T = T) + ce");
        Assert.Equal(new[] { ("kd(T=2)", 0.5), ("ce", 1.0) }, recipe.Terms.Select(Summary));
        var t = Assert.Single(recipe.Terms[0].Arguments);
        Assert.Equal(new BoundArgument("T", "T", ParamKind.Number, ParamValue.Of(2), false), t);
    }

    [Fact]
    public void Weights_distribute_over_groups_and_signs()
    {
        var recipe = Bind("ce - 0.5 * (rkd.distance - 2 * sp(at = layer3)) - -kd");
        Assert.Equal(new[] { ("ce", 1.0), ("rkd.distance", -0.5), ("sp(at=layer3)", 1.0), ("kd", 1.0) }, recipe.Terms.Select(Summary));
    }

    [Fact]
    public void A_schedule_distributes_over_a_group_and_keeps_its_arguments()
    {
        var recipe = Bind("warmup(steps = 100) * 0.5 * (kd + 2 * sp)");
        Assert.All(recipe.Terms, t => Assert.Equal("warmup", t.Schedule!.Name));
        Assert.Equal(new[] { 0.5, 1.0 }, recipe.Terms.Select(t => t.Weight));
        var schedule = recipe.Terms[0].Schedule!;
        Assert.Equal(new[] { "steps" }, schedule.Arguments.Select(a => a.Name));
        Assert.Equal(new TextSpan(0, 19), schedule.Span);
    }

    [Fact]
    public void Same_term_with_same_arguments_after_defaults_merges_with_a_warning()
    {
        var result = RecipeCompiler.Compile("0.5 * kd + kd(T = 4) * 0.25", TestCatalogue.Instance);
        var term = Assert.Single(result.Recipe!.Terms);
        Assert.Equal(0.75, term.Weight);
        Assert.Equal(new TextSpan(6, 2), term.Span);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("DST0402", new TextSpan(11, 9)), (warning.Id, warning.Span));
    }

    [Fact]
    public void Same_term_with_different_schedules_stays_apart_with_unique_names()
    {
        var recipe = Bind("kd + warmup(epochs = 1) * kd + linear(from = 0, to = 1, steps = 9) * kd + kd(T = 2)");
        Assert.Equal(new[] { "kd", "kd[warmup(epochs=1)]", "kd[linear(from=0, to=1, steps=9)]", "kd(T=2)" }, recipe.Terms.Select(t => t.DisplayName));
    }

    [Fact]
    public void Every_parameter_is_filled_in_catalogue_order_with_defaults_marked()
    {
        var term = Assert.Single(Bind("sskd(ss_weight = 5, topk = 0.5)").Terms);
        Assert.Equal(new[] { "topk", "T", "tf_topk", "tf_T", "tf_weight", "ss_weight" }, term.Arguments.Select(a => a.Name));
        Assert.Equal(new[] { false, true, true, true, true, false }, term.Arguments.Select(a => a.IsDefault));
        Assert.Equal(new[] { 0.5, 0.5, 1, 4, 2.7, 5 }, term.Arguments.Select(a => a.Value.Number));
        Assert.Equal("sskd(topk=0.5, ss_weight=5)", term.DisplayName);
    }

    [Fact]
    public void Display_name_leaves_out_arguments_equal_to_their_default()
    {
        var term = Assert.Single(Bind("pad(eps = 1e-6, reduction = sum, detach = true, at = embedding)").Terms);
        Assert.Equal("pad(reduction=sum, detach=true)", term.DisplayName);
        Assert.Equal(ParamValue.OfIdentifier("sum"), term.Arguments.Single(a => a.Name == "reduction").Value);
        Assert.Equal(ParamValue.Of(true), term.Arguments.Single(a => a.Name == "detach").Value);
    }

    [Fact]
    public void Inputs_follow_the_tap_parameter_and_the_recipe_inputs_are_distinct_and_sorted()
    {
        var recipe = Bind("bake(at = penultimate) + sp(at = layer3) + ce + kd");
        Assert.Equal(new[] { "StudentLogits", "StudentPenultimate" }, recipe.Terms[0].Inputs.Select(i => i.Name));
        Assert.Equal(new BoundInput("TeacherLayer3", "teacher", "layer3", InputKind.Float), recipe.Terms[1].Inputs[1]);
        Assert.Equal(
            new[] { "Labels", "StudentLayer3", "StudentLogits", "StudentPenultimate", "TeacherLayer3", "TeacherLogits" },
            recipe.Inputs.Select(i => i.Name));
        Assert.Equal(InputKind.ClassIndices, recipe.Inputs[0].Kind);
    }

    [Fact]
    public void Integer_parameters_accept_whole_numbers()
    {
        var term = Assert.Single(Bind("cc(p_order = 3)").Terms);
        Assert.Equal(new BoundArgument("p_order", "POrder", ParamKind.Integer, ParamValue.Of(3), false), term.Arguments[1]);
    }

    [Fact]
    public void Term_span_is_the_call_and_clr_type_comes_from_the_catalogue()
    {
        var term = Assert.Single(Bind("0.9 * kd(T = 4)").Terms);
        Assert.Equal(new TextSpan(6, 9), term.Span);
        Assert.Equal("Distill.Runtime.Terms.KdTerm", term.ClrType);
    }

    [Fact]
    public void Unknown_parameter_prints_in_the_canonical_form()
    {
        const string text = "let T = 4\nce\n  + 0.9*kd(temp = T)";
        var result = RecipeCompiler.Compile(text, TestCatalogue.Instance);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("recipes/x.distill(3,12): error DST0102: unknown parameter 'temp' for 'kd'; did you mean 'T'?", error.Format("recipes/x.distill", new SourceLines(text)));
        Assert.Null(result.Recipe);
    }

    [Fact]
    public void Diagnostics_come_in_source_order()
    {
        var result = RecipeCompiler.Compile("let z = 1\nkd(T = 0) + ) + kdd * 2 / 0", TestCatalogue.Instance);
        var starts = result.Diagnostics.Select(d => d.Span.Start).ToList();
        Assert.Equal(starts.OrderBy(s => s), starts);
        Assert.Equal(new[] { "DST0401", "DST0202", "DST0001", "DST0101" }, result.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void A_thousand_terms_bind_to_a_thousand_distinct_terms_in_order()
    {
        var text = string.Join("\n+ ", Enumerable.Range(1, 1000).Select(i => $"{i} * kd(T = {i})"));
        var recipe = Bind(text);
        Assert.Equal(1000, recipe.Terms.Count);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (double)i), recipe.Terms.Select(t => t.Weight));
        Assert.Equal("kd(T=1000)", recipe.Terms[999].DisplayName);
    }

    [Fact]
    public void A_large_group_distributes_its_weight_over_every_term()
    {
        var group = string.Join(" + ", Enumerable.Range(1, 1000).Select(i => $"kd(T = {i})"));
        var recipe = Bind($"0.5 * ({group}) - (2 - 1) * ce");
        Assert.Equal(1001, recipe.Terms.Count);
        Assert.All(recipe.Terms.Take(1000), t => Assert.Equal(0.5, t.Weight));
        Assert.Equal(-1.0, recipe.Terms[1000].Weight);
    }

    [Fact]
    public void A_long_let_chain_is_a_diagnostic_not_a_stack_overflow()
    {
        var lets = string.Concat(Enumerable.Range(0, 300).Select(i => $"let a{i} = a{i + 1}\n"));
        var result = RecipeCompiler.Compile(lets + "let a300 = 1\na0 * kd", TestCatalogue.Instance);
        Assert.Contains(result.Diagnostics, d => d.Id == "DST0003");
    }

    [Fact]
    public void Null_text_and_empty_catalogue_are_diagnostics_not_exceptions()
    {
        Assert.Equal("DST0306", Assert.Single(RecipeCompiler.Compile(null!, TestCatalogue.Instance).Diagnostics).Id);
        Assert.Equal("DST0101", Assert.Single(RecipeCompiler.Compile("kd", TermCatalogue.Empty).Diagnostics).Id);
    }
}
