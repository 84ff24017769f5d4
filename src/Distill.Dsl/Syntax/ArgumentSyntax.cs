using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary>
    /// <c>Name = Value</c> inside a call. Value is a <see cref="NumberSyntax"/>, a
    /// <see cref="NameSyntax"/> (boolean, let or identifier) or a <see cref="NegateSyntax"/> of a number.
    /// </summary>
    public sealed record ArgumentSyntax(string Name, TextSpan NameSpan, ExpressionSyntax Value, TextSpan Span) : SyntaxNode(Span);
}
