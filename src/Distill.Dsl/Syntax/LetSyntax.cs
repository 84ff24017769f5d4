using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary>
    /// <c>let Name = Value</c>. A <c>let</c> the parser could not read has an empty
    /// <see cref="Name"/> and an <see cref="ErrorSyntax"/> value.
    /// </summary>
    public sealed record LetSyntax(string Name, TextSpan NameSpan, ExpressionSyntax Value, TextSpan Span) : SyntaxNode(Span);
}
