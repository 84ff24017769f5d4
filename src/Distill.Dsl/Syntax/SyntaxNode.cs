using Distill.Dsl.Text;

namespace Distill.Dsl.Syntax
{
    /// <summary>
    /// A node of the syntax tree. <see cref="Span"/> is the exact 0-based range of the node's text,
    /// excluding surrounding whitespace and comments. Nodes compare by value, spans included.
    /// </summary>
    public abstract record SyntaxNode(TextSpan Span);
}
