using Distill.Dsl.Diagnostics;
using Distill.Dsl.Syntax;

namespace Distill.Dsl.Parsing
{
    /// <summary>A syntax tree (always present, with error nodes where the text was bad) and the syntax diagnostics in source order.</summary>
    public sealed record ParseResult(RecipeSyntax Syntax, EquatableArray<DistillDiagnostic> Diagnostics);
}
