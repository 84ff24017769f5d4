using System.Collections.Generic;
using Distill.Dsl.Overrides;

namespace Distill.Dsl.Tests;

public sealed class OverrideTests
{
    private static OverrideResult Apply(string recipe, params string[] sets) => RecipeOverrides.Apply(recipe, sets, TestCatalogue.Instance);

    [Theory]
    [InlineData("ce + kd(T = 4)\n", "kd.T=2", "ce + kd(T = 2)\n")]
    [InlineData("ce + kd\n", "kd.T=2", "ce + kd(T = 2)\n")]
    [InlineData("ce + kd()\n", "kd.T=2", "ce + kd(T = 2)\n")]
    [InlineData("ce + rkd.angle(chunk = 4)\n", "rkd.angle.at=layer2", "ce + rkd.angle(chunk = 4, at = layer2)\n")]
    [InlineData("let w = 0.9\nce + w * kd\n", "w=0.5", "let w = 0.5\nce + w * kd\n")]
    [InlineData("ce + 50 * rkd.angle\n", "rkd.angle.weight=25", "ce + 25 * rkd.angle\n")]
    [InlineData("ce + rkd.angle * 50\n", "rkd.angle.weight = 25", "ce + rkd.angle * 25\n")]
    [InlineData("ce + kd\n", "kd.weight=0.5", "ce + 0.5 * kd\n")]
    [InlineData("ce + bake\n", "bake.weight=2", "ce + bake(weight = 2)\n")]
    [InlineData("ce + 0.5 * kd + 0.5 * kd(T = 8)\n", "kd.T=2", "ce + 0.5 * kd(T = 2) + 0.5 * kd(T = 2)\n")]
    public void An_override_changes_the_recipe_text_where_it_says(string recipe, string set, string effective)
    {
        var result = Apply(recipe, set);
        Assert.Equal(effective, result.Text);
    }

    [Fact]
    public void Several_overrides_apply_together_and_the_last_of_one_target_wins()
    {
        var result = Apply("let w = 0.9\nce + w * kd(T = 4) + 50 * rkd.angle\n", "kd.T=2", "w=0.1", "rkd.angle.weight=25", "kd.T=8");
        Assert.Equal("let w = 0.1\nce + w * kd(T = 8) + 25 * rkd.angle\n", result.Text);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void A_bad_value_is_reported_inside_the_override_text()
    {
        var result = Apply("ce + kd(T = 4)\n", "kd.T=-1");
        Assert.True(result.HasErrors);
        var d = Assert.Single(result.Diagnostics, d => d.Diagnostic.IsError);
        Assert.Equal(0, d.Override);
        Assert.Equal("DST0202", d.Diagnostic.Id);
        Assert.Equal(5, d.Diagnostic.Span.Start);
        Assert.StartsWith("--set 'kd.T=-1'(1,6): error DST0202: ", Assert.Single(result.Format("r.distill"), l => l.Contains("error")));
    }

    [Fact]
    public void An_unknown_parameter_is_reported_on_the_override_target_with_a_suggestion()
    {
        var result = Apply("ce + kd\n", "kd.temp=2");
        var line = Assert.Single(result.Format("r.distill"), l => l.Contains("error"));
        Assert.StartsWith("--set 'kd.temp=2'(1,1): error DST0102: ", line);
        Assert.Contains("'T'", line);
    }

    [Theory]
    [InlineData("ce + kd\n", "kd.T", "--set 'kd.T'(1,1): error DST0501: 'kd.T' is not TARGET=VALUE")]
    [InlineData("ce + kd\n", "kdd.T=2", "--set 'kdd.T=2'(1,1): error DST0502: the recipe has no term or schedule 'kdd'; did you mean 'kd'?")]
    [InlineData("let w = 1\nce + w * kd\n", "ww=2", "--set 'ww=2'(1,1): error DST0502: the recipe has no let 'ww'; did you mean 'w'?")]
    [InlineData("let w = 1\nce + w * kd\n", "kd.weight=2", "--set 'kd.weight=2'(1,1): error DST0503: the weight of 'kd' is 'w', not a plain number; set the let instead: --set w=VALUE")]
    public void A_target_that_is_not_in_the_recipe_is_an_error_naming_it(string recipe, string set, string message)
    {
        var result = Apply(recipe, set);
        Assert.Null(result.Text);
        Assert.StartsWith(message, Assert.Single(result.Format("r.distill")));
    }

    [Fact]
    public void A_diagnostic_outside_the_override_keeps_its_place_in_the_recipe()
    {
        var result = Apply("let unused = 1\nce + kd\n", "kd.T=2");
        Assert.Equal(new[] { "r.distill(1,5): warning DST0401: let 'unused' is never used; remove it" }, result.Format("r.distill"));
        result = Apply("ce + kd + foo\n", "kd.T=2");
        var line = Assert.Single(result.Format("r.distill"), l => l.Contains("error"));
        Assert.StartsWith("r.distill(1,11): error DST0101: ", line);
    }

    [Fact]
    public void No_overrides_compile_the_recipe_as_it_is()
    {
        var result = Apply("ce + kd\n");
        Assert.Equal("ce + kd\n", result.Text);
        Assert.Empty(result.Diagnostics);
    }
}
