using System.Linq;
using Distill.Dsl.Printing;

namespace Distill.LanguageServer;

/// <summary>
/// Formatting with the canonical printer (<see cref="SyntaxPrinter"/>), the same form every tool
/// writes. The printer keeps no comments, so the header comment block (everything before the
/// first token) is kept verbatim, and a recipe with comments after its first token, or with
/// syntax errors, is left as it is (null): formatting must never lose text.
/// </summary>
internal static class Formatting
{
    public static string? Format(RecipeDocument document)
    {
        if (!document.Parse.Diagnostics.IsEmpty) return null;
        var tokens = document.Tokens;
        int first = tokens.FindIndex(t => t.Kind != TokenKind.Comment);
        if (first < 0 || tokens.Skip(first).Any(t => t.Kind == TokenKind.Comment)) return null;
        string header = string.Concat(tokens.Take(first).Select(t => t.Text(document.Text) + "\n"));
        string formatted = header + SyntaxPrinter.Print(document.Parse.Syntax);
        return formatted == document.Text ? null : formatted;
    }
}
