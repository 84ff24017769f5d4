using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary>Anything that can stand in a weighted sum: numbers, names, calls, operators, groups.</summary>
    public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);
}
