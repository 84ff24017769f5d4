using Distill.Dsl.Diagnostics;
using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary>
    /// Text the parser could not read (possibly empty: something missing). It carries the syntax
    /// diagnostic; Span covers the skipped text, the diagnostic's span the bad spot.
    /// </summary>
    public sealed record ErrorSyntax(DistillDiagnostic Diagnostic, TextSpan Span) : ExpressionSyntax(Span);
}
