using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary>A non-negative, finite number literal: <c>4</c>, <c>0.9</c>, <c>1e-3</c>, <c>.5</c>.</summary>
    public sealed record NumberSyntax(double Value, TextSpan Span) : ExpressionSyntax(Span);
}
