using System.Linq;
using Distill.Dsl.Catalogue;
using Distill.LanguageServer.Protocol;

namespace Distill.LanguageServer;

/// <summary>Hover: a term (description, formula, paper, parameters, inputs), a schedule, a parameter (meaning, default, range) or a let (its folded value).</summary>
internal static class Hovers
{
    public static Hover? At(RecipeDocument document, int offset)
    {
        if (document.IdentifierAt(offset) is not { Kind: TokenKind.Identifier } token) return null;
        string word = token.Text(document.Text);
        var context = TokenContextScanner.At(document, token.Span.Start);
        string? markdown = context.Role switch
        {
            TokenRole.ParameterName => Parameter(document, context.Call, word),
            TokenRole.LetName => Let(document, word),
            TokenRole.ArgumentValue => IsLet(document, word) ? Let(document, word) : null,
            _ => IsLet(document, word) ? Let(document, word) : Entry(document.Catalogue.Terms, word),
        };
        return markdown is null ? null : new Hover(MarkupContent.Markdown(markdown), document.ToRange(token.Span));
    }

    private static bool IsLet(RecipeDocument document, string name) => document.Parse.Syntax.Lets.Any(l => l.Name == name);

    private static string? Entry(TermCatalogue catalogue, string name) =>
        catalogue.FindTerm(name) is { } term ? TermDocs.Term(term)
        : catalogue.FindSchedule(name) is { } schedule ? TermDocs.Schedule(schedule)
        : null;

    private static string? Parameter(RecipeDocument document, string? call, string name) =>
        call is not null && document.Catalogue.ParametersOf(call)?.FirstOrDefault(p => p.Name == name) is { } parameter
            ? TermDocs.Parameter(call, parameter)
            : null;

    private static string? Let(RecipeDocument document, string name)
    {
        if (document.Parse.Syntax.Lets.FirstOrDefault(l => l.Name == name) is not { } let) return null;
        string value = document.LetValues.TryGetValue(name, out var v) ? ParamValue.FormatNumber(v) : "(does not fold to a number; see the diagnostics)";
        string written = document.Text.Substring(let.Value.Span.Start, let.Value.Span.Length);
        return $"**{name}** — let = `{value}`" + (written.Length > 0 && written != value ? $"\n\nwritten as `{written}`" : "");
    }
}
