using System.Linq;
using Distill.Dsl.Binding;
using Distill.Dsl.Parsing;
using Distill.Dsl.Printing;

namespace Distill.Dsl.Tests;

public class PrinterTests
{
    [Fact]
    public void Canonical_form_is_the_normalised_weighted_sum()
    {
        var recipe = RecipeCompiler.Compile("ce + 0.9*kd(T=4) + warmup(epochs=5) * 2 * pad - 0.1 * sp", TestCatalogue.Instance).Recipe!;
        Assert.Equal("1 * ce + 0.9 * kd(T=4) + 2 * warmup(epochs=5) * pad - 0.1 * sp", RecipePrinter.Print(recipe));
    }

    [Fact]
    public void Canonical_form_starting_negative_uses_a_leading_minus()
    {
        var recipe = RecipeCompiler.Compile("-0.5 * kd + ce", TestCatalogue.Instance).Recipe!;
        Assert.Equal("-0.5 * kd + 1 * ce", RecipePrinter.Print(recipe));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Canonical_form_compiles_to_the_same_terms(string text)
    {
        var recipe = RecipeCompiler.Compile(text, TestCatalogue.Instance).Recipe!;
        var again = RecipeCompiler.Compile(RecipePrinter.Print(recipe), TestCatalogue.Instance).Recipe!;
        Assert.Equal(recipe.Terms.Select(Shape), again.Terms.Select(Shape));
        Assert.Equal(recipe.Inputs, again.Inputs);
    }

    public static TheoryData<string> Seeds() => new(SyntaxGenerators.ValidRecipes);

    [Fact]
    public void Syntax_printer_writes_lets_then_the_expression()
    {
        var tree = RecipeParser.Parse("let   T=4 # c\n ce+0.9*kd( T=T ,at = x)-( - 2)*sp").Syntax;
        Assert.Equal("let T = 4\nce + 0.9 * kd(T = T, at = x) - (-2) * sp\n", SyntaxPrinter.Print(tree));
    }

    private static string Shape(BoundTerm t) =>
        $"{t.DisplayName} {t.Weight} {t.Schedule?.Name} {string.Join(",", t.Arguments.Select(a => a.Value))} {string.Join(",", t.Schedule?.Arguments.Select(a => a.Value) ?? Enumerable.Empty<Catalogue.ParamValue>())}";
}
