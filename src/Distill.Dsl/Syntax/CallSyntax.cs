using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary>
    /// A term or schedule by its (possibly dotted) name, with or without an argument list:
    /// <c>kd(T = 4)</c>, <c>rkd.angle</c>, <c>ce()</c>. A plain undotted name without parentheses is a
    /// <see cref="NameSyntax"/> instead, because it may also name a <c>let</c>.
    /// </summary>
    public sealed record CallSyntax(
        string Name,
        TextSpan NameSpan,
        bool HasParentheses,
        EquatableArray<ArgumentSyntax> Arguments,
        TextSpan Span) : ExpressionSyntax(Span);
}
