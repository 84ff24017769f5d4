using System.Collections.Generic;

namespace Distill.Dsl.Syntax
{
    /// <summary>
    /// Every node of a recipe's tree in pre-order, lets first, with an explicit stack (sums may be thousands of terms
    /// deep on the left): the one walk the compiler's error collection and the language server share.
    /// </summary>
    internal static class SyntaxWalk
    {
        public static IEnumerable<SyntaxNode> Nodes(RecipeSyntax recipe)
        {
            var stack = new Stack<SyntaxNode>();
            if (recipe.Body is not null) stack.Push(recipe.Body);
            for (int i = recipe.Lets.Count - 1; i >= 0; i--) stack.Push(recipe.Lets[i]);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                yield return node;
                switch (node)
                {
                    case LetSyntax let:
                        stack.Push(let.Value);
                        break;
                    case BinarySyntax binary:
                        stack.Push(binary.Right);
                        stack.Push(binary.Left);
                        break;
                    case NegateSyntax negate:
                        stack.Push(negate.Operand);
                        break;
                    case ParenSyntax paren:
                        stack.Push(paren.Inner);
                        break;
                    case CallSyntax call:
                        for (int i = call.Arguments.Count - 1; i >= 0; i--) stack.Push(call.Arguments[i]);
                        break;
                    case ArgumentSyntax argument:
                        stack.Push(argument.Value);
                        break;
                }
            }
        }
    }
}
