using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary>Unary minus: <c>-Operand</c>.</summary>
    public sealed record NegateSyntax(ExpressionSyntax Operand, TextSpan Span) : ExpressionSyntax(Span);
}
