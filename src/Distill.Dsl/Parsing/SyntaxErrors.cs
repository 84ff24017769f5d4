using System.Linq;
using Distill.Dsl.Diagnostics;
using Distill.Dsl.Syntax;

namespace Distill.Dsl.Parsing
{
    /// <summary>The diagnostics carried by a tree's error nodes, in source order; iterative, so deep trees are safe.</summary>
    internal static class SyntaxErrors
    {
        public static EquatableArray<DistillDiagnostic> Of(RecipeSyntax recipe)
        {
            var found = SyntaxWalk.Nodes(recipe).OfType<ErrorSyntax>().Select(error => error.Diagnostic);
            return found.OrderBy(d => d.Span.Start).ToEquatableArray();
        }
    }
}
