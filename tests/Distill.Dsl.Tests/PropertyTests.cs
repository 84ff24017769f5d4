using System.Linq;
using Distill.Dsl.Parsing;
using Distill.Dsl.Printing;
using Distill.Dsl.Syntax;
using FsCheck;
using FsCheck.Xunit;

namespace Distill.Dsl.Tests;

public class PropertyTests
{
    [Property(Arbitrary = new[] { typeof(SyntaxGenerators) }, MaxTest = 300)]
    public bool Printed_trees_parse_back_to_the_same_tree(RecipeSyntax tree)
    {
        var text = SyntaxPrinter.Print(tree);
        var parsed = RecipeParser.Parse(text);
        return parsed.Diagnostics.IsEmpty && SyntaxHelpers.Erase(parsed.Syntax) == SyntaxHelpers.Erase(tree);
    }

    [Property(MaxTest = 500)]
    public bool Arbitrary_strings_compile_without_throwing(string? text) => CompilesSafely(text ?? "");

    [Property(Arbitrary = new[] { typeof(RecipeLikeText) }, MaxTest = 500)]
    public bool Recipe_like_strings_compile_without_throwing(string text) => CompilesSafely(text);

    [Property(Arbitrary = new[] { typeof(MutatedText) }, MaxTest = 500)]
    public bool Mutated_recipes_compile_without_throwing(string text) => CompilesSafely(text);

    [Fact]
    public void The_mutation_seeds_are_valid_recipes()
    {
        Assert.All(SyntaxGenerators.ValidRecipes, r => Assert.False(RecipeCompiler.Compile(r, TestCatalogue.Instance).HasErrors));
    }

    /// <summary>
    /// Compile never reaches its safety net, reports diagnostics in order with spans inside the
    /// text, returns a recipe exactly when there is no error, and every syntax span is inside the text.
    /// </summary>
    internal static bool CompilesSafely(string text)
    {
        var result = RecipeCompiler.Compile(text, TestCatalogue.Instance);
        var starts = result.Diagnostics.Select(d => d.Span.Start).ToList();
        bool ordered = starts.SequenceEqual(starts.OrderBy(s => s));
        bool inside = result.Diagnostics.All(d => d.Span.End <= text.Length)
            && SyntaxHelpers.Spans(RecipeParser.Parse(text).Syntax).All(s => s.Span.End <= text.Length);
        bool noInternalError = result.Diagnostics.All(d => d.Id != "DST9999");
        bool consistent = result.HasErrors == (result.Recipe is null);
        return ordered && inside && noInternalError && consistent;
    }

    public static class RecipeLikeText
    {
        public static Arbitrary<string> Strings() => SyntaxGenerators.RecipeLikeText();
    }

    public static class MutatedText
    {
        public static Arbitrary<string> Strings() => SyntaxGenerators.MutatedRecipes();
    }
}
