using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary>A group: <c>( Inner )</c>; the span includes the parentheses.</summary>
    public sealed record ParenSyntax(ExpressionSyntax Inner, TextSpan Span) : ExpressionSyntax(Span);
}
