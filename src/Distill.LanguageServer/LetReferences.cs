using System.Collections.Generic;
using System.Linq;
using Distill.Dsl;
using Distill.Dsl.Syntax;
using Distill.Dsl.Text;

namespace Distill.LanguageServer;

/// <summary>Go to definition and rename for lets: the declaration's name and every reference by name.</summary>
internal static class LetReferences
{
    /// <summary>The let named at <paramref name="offset"/> (at its declaration or a reference), or null.</summary>
    public static LetSyntax? LetAt(RecipeDocument document, int offset)
    {
        var lets = document.Parse.Syntax.Lets;
        foreach (var node in SyntaxWalk.Nodes(document.Parse.Syntax))
        {
            switch (node)
            {
                case LetSyntax let when let.Name.Length > 0 && Touches(let.NameSpan, offset):
                    return Declaration(lets, let.Name);
                case NameSyntax name when Touches(name.Span, offset):
                    return Declaration(lets, name.Name);
            }
        }
        return null;
    }

    /// <summary>The declaration's name span and every reference to the let, in text order.</summary>
    public static List<TextSpan> Spans(RecipeDocument document, LetSyntax let)
    {
        var spans = new List<TextSpan>();
        foreach (var node in SyntaxWalk.Nodes(document.Parse.Syntax))
        {
            if (node is LetSyntax declared && declared.Name == let.Name) spans.Add(declared.NameSpan);
            else if (node is NameSyntax name && name.Name == let.Name) spans.Add(name.Span);
        }
        return spans.OrderBy(s => s.Start).ToList();
    }

    private static LetSyntax? Declaration(EquatableArray<LetSyntax> lets, string name) => lets.FirstOrDefault(l => l.Name == name);

    private static bool Touches(TextSpan span, int offset) => span.Start <= offset && offset <= span.End;
}
