using System;
using System.Collections.Generic;
using System.Text;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Syntax;

namespace Distill.Dsl.Printing
{
    /// <summary>
    /// Writes a syntax tree back as recipe text that parses to an equal tree (spans aside): one
    /// <c>let</c> per line, then the expression with single spaces around binary operators. Groups
    /// are printed exactly where the tree has <see cref="ParenSyntax"/>; trees with error nodes are
    /// not printable.
    /// </summary>
    public static class SyntaxPrinter
    {
        public static string Print(RecipeSyntax recipe)
        {
            var sb = new StringBuilder();
            foreach (var let in recipe.Lets)
            {
                sb.Append("let ").Append(let.Name).Append(" = ");
                Write(sb, let.Value);
                sb.Append('\n');
            }
            if (recipe.Body is not null)
            {
                Write(sb, recipe.Body);
                sb.Append('\n');
            }
            return sb.ToString();
        }

        public static string Print(ExpressionSyntax expression)
        {
            var sb = new StringBuilder();
            Write(sb, expression);
            return sb.ToString();
        }

        private static void Write(StringBuilder sb, ExpressionSyntax expression)
        {
            switch (expression)
            {
                case NumberSyntax number:
                    sb.Append(ParamValue.FormatNumber(number.Value));
                    break;
                case NameSyntax name:
                    sb.Append(name.Name);
                    break;
                case CallSyntax call:
                    sb.Append(call.Name);
                    if (call.HasParentheses)
                    {
                        sb.Append('(');
                        for (int i = 0; i < call.Arguments.Count; i++)
                        {
                            if (i > 0) sb.Append(", ");
                            sb.Append(call.Arguments[i].Name).Append(" = ");
                            Write(sb, call.Arguments[i].Value);
                        }
                        sb.Append(')');
                    }
                    break;
                case NegateSyntax negate:
                    ExpressionSyntax operand = negate;
                    while (operand is NegateSyntax inner)
                    {
                        sb.Append('-');
                        operand = inner.Operand;
                    }
                    Write(sb, operand);
                    break;
                case ParenSyntax paren:
                    sb.Append('(');
                    Write(sb, paren.Inner);
                    sb.Append(')');
                    break;
                case BinarySyntax binary:
                    WriteChain(sb, binary);
                    break;
                default:
                    throw new ArgumentException("a syntax tree with errors cannot be printed", nameof(expression));
            }
        }

        /// <summary>A left-deep chain, written without recursing down its left spine.</summary>
        private static void WriteChain(StringBuilder sb, BinarySyntax binary)
        {
            var rights = new Stack<BinarySyntax>();
            ExpressionSyntax left = binary;
            while (left is BinarySyntax b)
            {
                rights.Push(b);
                left = b.Left;
            }
            Write(sb, left);
            foreach (var node in rights)
            {
                sb.Append(' ').Append(Symbol(node.Operator)).Append(' ');
                Write(sb, node.Right);
            }
        }

        public static char Symbol(BinaryOperator op) => "+-*/"[(int)op];
    }
}
