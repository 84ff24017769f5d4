using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary>
    /// A bare identifier: a <c>let</c>, a term or schedule without arguments, or (as an argument
    /// value) <c>true</c>, <c>false</c> or an enum-like value such as <c>layer3</c>.
    /// </summary>
    public sealed record NameSyntax(string Name, TextSpan Span) : ExpressionSyntax(Span);
}
