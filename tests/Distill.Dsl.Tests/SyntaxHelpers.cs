using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Syntax;
using Distill.Dsl.Text;

namespace Distill.Dsl.Tests;

/// <summary>Tree utilities for tests: erase spans (to compare shapes) and enumerate every node.</summary>
public static class SyntaxHelpers
{
    public static RecipeSyntax Erase(RecipeSyntax recipe) => recipe with
    {
        Span = default,
        Lets = recipe.Lets.Select(l => l with { Span = default, NameSpan = default, Value = Erase(l.Value) }).ToEquatableArray(),
        Body = recipe.Body is null ? null : Erase(recipe.Body),
    };

    public static ExpressionSyntax Erase(ExpressionSyntax e) => e switch
    {
        BinarySyntax b => b with { Span = default, Left = Erase(b.Left), Right = Erase(b.Right) },
        NegateSyntax n => n with { Span = default, Operand = Erase(n.Operand) },
        ParenSyntax p => p with { Span = default, Inner = Erase(p.Inner) },
        CallSyntax c => c with
        {
            Span = default,
            NameSpan = default,
            Arguments = c.Arguments.Select(a => a with { Span = default, NameSpan = default, Value = Erase(a.Value) }).ToEquatableArray(),
        },
        _ => e with { Span = default },
    };

    public static IEnumerable<(SyntaxNode Node, TextSpan Span)> Spans(RecipeSyntax recipe)
    {
        yield return (recipe, recipe.Span);
        foreach (var let in recipe.Lets)
        {
            yield return (let, let.Span);
            yield return (let, let.NameSpan);
            foreach (var s in Spans(let.Value)) yield return s;
        }
        if (recipe.Body is not null)
            foreach (var s in Spans(recipe.Body)) yield return s;
    }

    public static IEnumerable<(SyntaxNode Node, TextSpan Span)> Spans(ExpressionSyntax root)
    {
        var stack = new Stack<ExpressionSyntax>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            yield return (e, e.Span);
            switch (e)
            {
                case BinarySyntax b: stack.Push(b.Left); stack.Push(b.Right); break;
                case NegateSyntax n: stack.Push(n.Operand); break;
                case ParenSyntax p: stack.Push(p.Inner); break;
                case ErrorSyntax err: yield return (err, err.Diagnostic.Span); break;
                case CallSyntax c:
                    yield return (c, c.NameSpan);
                    foreach (var a in c.Arguments)
                    {
                        yield return (a, a.Span);
                        yield return (a, a.NameSpan);
                        stack.Push(a.Value);
                    }
                    break;
            }
        }
    }

    public static string Slice(string text, TextSpan span) => text.Substring(span.Start, span.Length);
}
