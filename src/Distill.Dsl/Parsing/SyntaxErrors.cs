using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Diagnostics;
using Distill.Dsl.Syntax;

namespace Distill.Dsl.Parsing
{
    /// <summary>The diagnostics carried by a tree's error nodes, in source order; iterative, so deep trees are safe.</summary>
    internal static class SyntaxErrors
    {
        public static EquatableArray<DistillDiagnostic> Of(RecipeSyntax recipe)
        {
            var found = new List<DistillDiagnostic>();
            var stack = new Stack<SyntaxNode>();
            if (recipe.Body is not null) stack.Push(recipe.Body);
            foreach (var let in recipe.Lets) stack.Push(let.Value);
            while (stack.Count > 0)
            {
                switch (stack.Pop())
                {
                    case ErrorSyntax error:
                        found.Add(error.Diagnostic);
                        break;
                    case BinarySyntax binary:
                        stack.Push(binary.Left);
                        stack.Push(binary.Right);
                        break;
                    case NegateSyntax negate:
                        stack.Push(negate.Operand);
                        break;
                    case ParenSyntax paren:
                        stack.Push(paren.Inner);
                        break;
                    case CallSyntax call:
                        foreach (var argument in call.Arguments) stack.Push(argument.Value);
                        break;
                }
            }
            return found.OrderBy(d => d.Span.Start).ToEquatableArray();
        }
    }
}
