using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary>A whole file: its <c>let</c>s, then the loss expression (null when the file has none).</summary>
    public sealed record RecipeSyntax(EquatableArray<LetSyntax> Lets, ExpressionSyntax? Body, TextSpan Span) : SyntaxNode(Span);
}
