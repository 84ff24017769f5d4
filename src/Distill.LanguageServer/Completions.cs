using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Catalogue;
using Distill.LanguageServer.Protocol;

namespace Distill.LanguageServer;

/// <summary>
/// What may come at the cursor: terms, schedules and lets in the sum; a call's parameters not
/// yet given; and for a value, the parameter's enum values, true/false, taps or lets.
/// </summary>
internal static class Completions
{
    private const int Function = 3, Field = 5, Variable = 6, Value = 12, Keyword = 14, EnumMember = 20;

    public static CompletionList At(RecipeDocument document, int offset)
    {
        if (document.Tokens.Any(t => t.Kind == TokenKind.Comment && t.Span.Start < offset && offset <= t.Span.End))
            return new CompletionList(false, []);
        var context = TokenContextScanner.At(document, offset);
        var items = context.Role switch
        {
            TokenRole.Expression => Expression(document),
            TokenRole.ParameterName => Parameters(document, context),
            TokenRole.ArgumentValue => Values(document, context),
            _ => [],
        };
        return new CompletionList(false, items);
    }

    private static List<CompletionItem> Expression(RecipeDocument document)
    {
        var catalogue = document.Catalogue.Terms;
        var items = catalogue.Terms
            .Select(t => new CompletionItem(t.Name, Function, t.Description, MarkupContent.Markdown(TermDocs.Term(t)), null))
            .Concat(catalogue.Schedules.Select(s => new CompletionItem(s.Name, Function, "schedule: " + s.Description, MarkupContent.Markdown(TermDocs.Schedule(s)), null)))
            .Concat(Lets(document))
            .ToList();
        items.Add(new CompletionItem("let", Keyword, "declare a named number", null, null));
        return items;
    }

    private static IEnumerable<CompletionItem> Lets(RecipeDocument document) =>
        document.Parse.Syntax.Lets.Where(l => l.Name.Length > 0).Select(l => l.Name).Distinct()
            .Select(name => new CompletionItem(name, Variable, document.LetValues.TryGetValue(name, out var v) ? "let = " + ParamValue.FormatNumber(v) : "let", null, null));

    private static List<CompletionItem> Parameters(RecipeDocument document, TokenContext context)
    {
        if (context.Call is null || document.Catalogue.ParametersOf(context.Call) is not { } parameters) return [];
        var given = GivenParameters(document, context);
        return parameters.Where(p => !given.Contains(p.Name))
            .Select(p => new CompletionItem(p.Name, Field, TermDocs.Detail(p), MarkupContent.Markdown(TermDocs.Parameter(context.Call, p)), p.Name + " = "))
            .ToList();
    }

    private static List<CompletionItem> Values(RecipeDocument document, TokenContext context)
    {
        var parameter = context.Call is null ? null : document.Catalogue.ParametersOf(context.Call)?.FirstOrDefault(p => p.Name == context.Parameter);
        return parameter?.Kind switch
        {
            ParamKind.Enum => parameter.EnumValues.Select(v => new CompletionItem(v, EnumMember, parameter.Name, null, null)).ToList(),
            ParamKind.Bool => [new CompletionItem("true", Keyword, null, null, null), new CompletionItem("false", Keyword, null, null, null)],
            ParamKind.Tap => document.Catalogue.Taps.Select(t => new CompletionItem(t, Value, "tap", null, null)).ToList(),
            ParamKind.Number or ParamKind.Integer => Lets(document).ToList(),
            _ => [],
        };
    }

    /// <summary>Parameter names already written in the call around the cursor (so they are not offered twice).</summary>
    private static HashSet<string> GivenParameters(RecipeDocument document, TokenContext context)
    {
        var given = new HashSet<string>();
        var tokens = document.Tokens;
        int depth = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Span.Start <= context.CallOpen) continue;
            if (token.Kind == TokenKind.Open) depth++;
            else if (token.Kind == TokenKind.Close && depth-- == 0) break;
            else if (depth == 0 && token.Kind == TokenKind.Identifier && i + 1 < tokens.Count && tokens[i + 1].Kind == TokenKind.EqualsSign)
                given.Add(token.Text(document.Text));
        }
        return given;
    }
}
