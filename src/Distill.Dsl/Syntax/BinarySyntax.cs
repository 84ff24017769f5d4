using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary><c>Left op Right</c>; chains are left-deep (<c>a + b + c</c> is <c>(a + b) + c</c>).</summary>
    public sealed record BinarySyntax(ExpressionSyntax Left, BinaryOperator Operator, ExpressionSyntax Right, TextSpan Span) : ExpressionSyntax(Span);
}
