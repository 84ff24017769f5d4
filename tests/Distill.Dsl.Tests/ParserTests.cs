using System.Linq;
using Distill.Dsl.Parsing;
using Distill.Dsl.Syntax;
using Distill.Dsl.Text;
using static Distill.Dsl.Tests.SyntaxHelpers;

namespace Distill.Dsl.Tests;

public class ParserTests
{
    private static RecipeSyntax ParseValid(string text)
    {
        var result = RecipeParser.Parse(text);
        Assert.Empty(result.Diagnostics);
        return result.Syntax;
    }

    [Fact]
    public void Weighted_call_has_exact_spans_for_every_node()
    {
        const string text = "ce + 0.9 * kd(T = 4)";
        var body = Assert.IsType<BinarySyntax>(ParseValid(text).Body);
        Assert.Equal(new TextSpan(0, 20), body.Span);
        Assert.Equal(BinaryOperator.Add, body.Operator);
        Assert.Equal(new NameSyntax("ce", new TextSpan(0, 2)), body.Left);
        var product = Assert.IsType<BinarySyntax>(body.Right);
        Assert.Equal(new TextSpan(5, 15), product.Span);
        Assert.Equal(new NumberSyntax(0.9, new TextSpan(5, 3)), product.Left);
        var call = Assert.IsType<CallSyntax>(product.Right);
        Assert.Equal(new TextSpan(11, 9), call.Span);
        Assert.Equal(new TextSpan(11, 2), call.NameSpan);
        Assert.True(call.HasParentheses);
        var argument = Assert.Single(call.Arguments);
        Assert.Equal(new ArgumentSyntax("T", new TextSpan(14, 1), new NumberSyntax(4, new TextSpan(18, 1)), new TextSpan(14, 5)), argument);
    }

    [Fact]
    public void Spans_exclude_whitespace_and_both_comment_styles()
    {
        const string text = "  # head\n let  T = 4 // four\n\n  ce # first\n  + kd // second\n";
        var recipe = ParseValid(text);
        var let = Assert.Single(recipe.Lets);
        Assert.Equal("let  T = 4", Slice(text, let.Span));
        Assert.Equal("T", Slice(text, let.NameSpan));
        Assert.Equal("4", Slice(text, let.Value.Span));
        Assert.Equal("ce # first\n  + kd", Slice(text, recipe.Body!.Span));
        Assert.Equal("let  T = 4 // four\n\n  ce # first\n  + kd", Slice(text, recipe.Span));
    }

    [Theory]
    [InlineData("4", 4.0)]
    [InlineData("0.9", 0.9)]
    [InlineData("1e-3", 1e-3)]
    [InlineData(".5", 0.5)]
    [InlineData("2.5E+2", 250.0)]
    public void Number_forms_parse(string literal, double expected)
    {
        var body = Assert.IsType<BinarySyntax>(ParseValid(literal + " * kd").Body);
        Assert.Equal(new NumberSyntax(expected, new TextSpan(0, literal.Length)), body.Left);
    }

    [Fact]
    public void Dotted_names_are_calls_and_plain_names_are_names()
    {
        var body = Assert.IsType<BinarySyntax>(ParseValid("rkd.angle + ce + kd()").Body);
        var left = Assert.IsType<BinarySyntax>(body.Left);
        Assert.Equal(new CallSyntax("rkd.angle", new TextSpan(0, 9), false, EquatableArray<ArgumentSyntax>.Empty, new TextSpan(0, 9)), left.Left);
        Assert.Equal(new NameSyntax("ce", new TextSpan(12, 2)), left.Right);
        Assert.Equal(new CallSyntax("kd", new TextSpan(17, 2), true, EquatableArray<ArgumentSyntax>.Empty, new TextSpan(17, 4)), body.Right);
    }

    [Fact]
    public void Argument_values_are_numbers_names_booleans_and_negative_numbers()
    {
        const string text = "pad(at = layer3, detach = true, eps = - 2, T = x)";
        var call = Assert.IsType<CallSyntax>(ParseValid(text).Body);
        Assert.Equal(new[] { "at", "detach", "eps", "T" }, call.Arguments.Select(a => a.Name));
        Assert.Equal(new NameSyntax("layer3", new TextSpan(9, 6)), call.Arguments[0].Value);
        Assert.Equal(new NameSyntax("true", new TextSpan(26, 4)), call.Arguments[1].Value);
        Assert.Equal(new NegateSyntax(new NumberSyntax(2, new TextSpan(40, 1)), new TextSpan(38, 3)), call.Arguments[2].Value);
        Assert.Equal("eps = - 2", Slice(text, call.Arguments[2].Span));
    }

    [Fact]
    public void Multiplication_binds_tighter_than_addition_and_chains_are_left_deep()
    {
        var body = ParseValid("a - b * c / d + e").Body!;
        Assert.Equal("((a - ((b * c) / d)) + e)", Shape(body));
    }

    [Fact]
    public void Unary_minus_nests_and_groups_keep_their_parentheses()
    {
        const string text = "--(a + b) * 2";
        var body = Assert.IsType<BinarySyntax>(ParseValid(text).Body);
        var outer = Assert.IsType<NegateSyntax>(body.Left);
        Assert.Equal("--(a + b)", Slice(text, outer.Span));
        var inner = Assert.IsType<NegateSyntax>(outer.Operand);
        Assert.Equal("-(a + b)", Slice(text, inner.Span));
        Assert.Equal("(a + b)", Slice(text, Assert.IsType<ParenSyntax>(inner.Operand).Span));
    }

    [Fact]
    public void Empty_text_has_no_body_and_no_syntax_error()
    {
        var result = RecipeParser.Parse("  # nothing here\n");
        Assert.Null(result.Syntax.Body);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Syntax_error_lists_what_was_expected_and_points_at_the_bad_token()
    {
        const string text = "ce + * kd";
        var error = Assert.Single(RecipeParser.Parse(text).Diagnostics);
        Assert.Equal("DST0001", error.Id);
        Assert.Equal(new TextSpan(5, 1), error.Span);
        Assert.Equal("unexpected '*'; expected a term, a number, '(' or '-'", error.Message);
    }

    [Theory]
    [InlineData("(ce + kd\n", 8)]
    [InlineData("(ce + kd", 8)]
    [InlineData("(ce + kd  # open\r\n\n   \n", 8)]
    [InlineData("let T = 4\nkd(T = T,\n", 19)]
    public void An_error_at_the_end_of_the_input_sits_right_after_the_last_token(string text, int at)
    {
        var error = Assert.Single(RecipeParser.Parse(text).Diagnostics);
        Assert.Equal(new TextSpan(at, 0), error.Span);
        Assert.StartsWith("unexpected end of input; expected ", error.Message);
    }

    [Fact]
    public void Error_inside_an_argument_list_points_into_it()
    {
        const string text = "ce + kd(T = , x = 1)";
        var error = Assert.Single(RecipeParser.Parse(text).Diagnostics);
        Assert.Equal(new TextSpan(12, 1), error.Span);
        Assert.StartsWith("unexpected ','; expected ", error.Message);
    }

    [Fact]
    public void A_bad_argument_is_skipped_to_the_next_comma_and_the_call_keeps_the_others()
    {
        const string text = "kd(T = *, at = x) + sp";
        var result = RecipeParser.Parse(text);
        Assert.Equal(new TextSpan(7, 1), Assert.Single(result.Diagnostics).Span);
        var call = Assert.IsType<CallSyntax>(Assert.IsType<BinarySyntax>(result.Syntax.Body).Left);
        Assert.Equal("T = *", Slice(text, call.Arguments[0].Span));
        Assert.IsType<ErrorSyntax>(call.Arguments[0].Value);
        Assert.Equal("at", call.Arguments[1].Name);
    }

    [Fact]
    public void Recovery_reports_independent_errors_on_every_line_and_keeps_the_good_terms()
    {
        const string text = "let = 3\nlet T = 4\nce + kd(T = ) + sp\n  + 2 * * kd\n  + rkd.angle(at = )\n  + bake";
        var result = RecipeParser.Parse(text);
        var lines = new SourceLines(text);
        Assert.Equal(new[] { "(1,5)", "(3,13)", "(4,9)", "(5,20)" }, result.Diagnostics.Select(d => lines.GetPosition(d.Span.Start).ToString()));
        Assert.Equal("T", result.Syntax.Lets[1].Name);
        var names = Spans(result.Syntax.Body!).Select(s => s.Node).OfType<NameSyntax>().Select(n => n.Name);
        Assert.Equal(new[] { "bake", "sp", "ce" }, names);
    }

    [Fact]
    public void Let_after_the_expression_is_reported_and_still_read()
    {
        const string text = "ce + kd\nlet T = 4\n";
        var result = RecipeParser.Parse(text);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("DST0004", error.Id);
        Assert.Equal("let T = 4", Slice(text, error.Span));
        Assert.Equal("T", Assert.Single(result.Syntax.Lets).Name);
    }

    [Fact]
    public void Too_deep_nesting_is_a_diagnostic_not_a_stack_overflow()
    {
        var text = new string('(', 100_000) + "kd";
        var error = Assert.Single(RecipeParser.Parse(text).Diagnostics);
        Assert.Equal("DST0003", error.Id);
    }

    [Fact]
    public void A_thousand_term_recipe_parses_to_a_left_deep_sum()
    {
        var text = string.Join("\n+ ", Enumerable.Range(0, 1000).Select(i => $"{i + 1} * kd(T = {i + 1})"));
        var body = ParseValid(text).Body!;
        int depth = 0;
        for (var e = body; e is BinarySyntax { Operator: BinaryOperator.Add } b; e = b.Left) depth++;
        Assert.Equal(999, depth);
        Assert.Equal(text.Length, body.Span.End);
    }

    private static string Shape(ExpressionSyntax e) => e switch
    {
        BinarySyntax b => $"({Shape(b.Left)} {Printing.SyntaxPrinter.Symbol(b.Operator)} {Shape(b.Right)})",
        NameSyntax n => n.Name,
        _ => "?",
    };
}
