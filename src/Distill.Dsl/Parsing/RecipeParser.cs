using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Diagnostics;
using Distill.Dsl.Syntax;
using Distill.Dsl.Text;
using Sprache;

namespace Distill.Dsl.Parsing
{
    /// <summary>
    /// Reads a whole recipe: the <c>let</c>s, then the top-level sum term by term. A term or
    /// <c>let</c> that fails becomes an <see cref="ErrorSyntax"/> and parsing resumes at the next
    /// resync point (see <see cref="Resync"/>), so one bad spot never hides the next. Linear in the
    /// text; never throws.
    /// </summary>
    public static class RecipeParser
    {
        /// <summary>The deepest parenthesis nesting the parser accepts (it recurses on groups).</summary>
        public const int MaxNesting = 100;

        public static ParseResult Parse(string text)
        {
            var syntax = ParseSyntax(text ?? "");
            return new ParseResult(syntax, SyntaxErrors.Of(syntax));
        }

        private static RecipeSyntax ParseSyntax(string text)
        {
            IInput input = Grammar.Trivia(new LimitedInput(text, 0, text.Length)).Remainder;
            var (depth, deepAt) = Resync.MaxDepth(text);
            if (depth > MaxNesting)
            {
                var error = new ErrorSyntax(DiagnosticDescriptors.NestingTooDeep.Create(new TextSpan(deepAt, 1), MaxNesting), TextSpan.FromBounds(input.Position, TrimEnd(text, input.Position, text.Length)));
                return new RecipeSyntax(EquatableArray<LetSyntax>.Empty, error, error.Span);
            }

            var lets = new List<LetSyntax>();
            while (Resync.StartsWithLet(text, input.Position))
            {
                lets.Add(ParseLet(text, ref input));
            }

            ExpressionSyntax? body = input.AtEnd ? null : ParseSum(text, ref input, lets);
            var spans = lets.Select(l => l.Span).Concat(body is null ? Enumerable.Empty<TextSpan>() : new[] { body.Span }).ToList();
            var span = spans.Count == 0 ? new TextSpan(input.Position, 0) : spans.Aggregate((a, b) => a.Cover(b));
            return new RecipeSyntax(lets.ToEquatableArray(), body, span);
        }

        private static LetSyntax ParseLet(string text, ref IInput input)
        {
            var start = input.Position;
            var result = Grammar.Let(new LimitedInput(text, start, Resync.LetEnd(text, start), input.Line, input.Column));
            if (result.WasSuccessful)
            {
                input = SkipTo(input, result.Remainder.Position);
                return result.Value;
            }

            int failure = result.Remainder.Position;
            int end = failure;
            while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
            var error = new ErrorSyntax(SyntaxError(text, result), TextSpan.FromBounds(start, TrimEnd(text, start, end)));
            input = SkipTo(input, end);
            return new LetSyntax("", new TextSpan(failure, 0), error, error.Span);
        }

        private static ExpressionSyntax ParseSum(string text, ref IInput input, List<LetSyntax> lets)
        {
            var sum = ParseTerm(text, ref input);
            while (!input.AtEnd)
            {
                if (Resync.StartsWithLet(text, input.Position))
                {
                    var let = ParseLet(text, ref input);
                    var misplaced = new ErrorSyntax(DiagnosticDescriptors.LetAfterExpression.Create(let.Span, let.Name), let.Span);
                    lets.Add(let);
                    sum = Join(sum, BinaryOperator.Add, misplaced);
                    continue;
                }

                var op = Grammar.AddOperatorToken(input);
                if (op.WasSuccessful)
                {
                    input = op.Remainder;
                    sum = Join(sum, op.Value.Value, ParseTerm(text, ref input));
                    continue;
                }

                var found = new TextSpan(input.Position, TokenLength(text, input.Position));
                var diagnostic = DiagnosticDescriptors.SyntaxError.Create(found, Describe(text, input.Position), "'+', '-', '*', '/' or the end of the recipe");
                sum = Join(sum, BinaryOperator.Add, Skip(text, ref input, input.Position + 1, diagnostic));
            }
            return sum;
        }

        /// <summary>One product of the top-level sum, or an error node reaching to the next resync point.</summary>
        private static ExpressionSyntax ParseTerm(string text, ref IInput input)
        {
            var result = Grammar.Product(input);
            if (result.WasSuccessful)
            {
                input = result.Remainder;
                return result.Value;
            }
            return Skip(text, ref input, result.Remainder.Position, SyntaxError(text, result));
        }

        private static ErrorSyntax Skip(string text, ref IInput input, int notBefore, DistillDiagnostic diagnostic)
        {
            int start = input.Position;
            int end = Resync.Find(text, start, notBefore);
            input = SkipTo(input, end);
            return new ErrorSyntax(diagnostic, TextSpan.FromBounds(start, TrimEnd(text, start, end)));
        }

        private static ExpressionSyntax Join(ExpressionSyntax left, BinaryOperator op, ExpressionSyntax right) =>
            new BinarySyntax(left, op, right, left.Span.Cover(right.Span));

        private static IInput SkipTo(IInput input, int position)
        {
            while (input.Position < position && !input.AtEnd) input = input.Advance();
            return Grammar.Trivia(input).Remainder;
        }

        internal static DistillDiagnostic SyntaxError<T>(string text, IResult<T> failure)
        {
            int at = failure.Remainder.Position;
            var expected = failure.Expectations.Distinct().ToList();
            string list = expected.Count == 0 ? "a term" : expected.Count == 1 ? expected[0] : string.Join(", ", expected.Take(expected.Count - 1)) + " or " + expected[expected.Count - 1];
            string found = Describe(text, at);
            var span = at >= text.Length || text[at] == '\n' || text[at] == '\r'
                ? new TextSpan(AfterLastToken(text, at), 0)
                : new TextSpan(at, TokenLength(text, at));
            return DiagnosticDescriptors.SyntaxError.Create(span, found, list);
        }

        /// <summary>
        /// Where an error at the end of the input or of a line is shown: right after the last token before
        /// <paramref name="at"/> (as Roslyn does), not on the empty line past a final newline or after a comment.
        /// Walks back one line at a time, so the cost is the whitespace and comments skipped plus one line.
        /// </summary>
        internal static int AfterLastToken(string text, int at)
        {
            int end = Math.Min(at, text.Length);
            while (end > 0)
            {
                int lineStart = end;
                while (lineStart > 0 && text[lineStart - 1] != '\n' && text[lineStart - 1] != '\r') lineStart--;
                int last = TrimEnd(text, lineStart, end);
                if (last > lineStart) return last;
                end = lineStart - 1;
            }
            return 0;
        }

        private static string Describe(string text, int at)
        {
            if (at >= text.Length) return "end of input";
            if (text[at] == '\n' || text[at] == '\r') return "end of line";
            if (char.IsControl(text[at]) || char.IsWhiteSpace(text[at])) return $"character U+{(int)text[at]:X4}";
            int length = TokenLength(text, at);
            return "'" + text.Substring(at, length) + "'";
        }

        /// <summary>The length of the token at a position: a whole number or word, else one character.</summary>
        private static int TokenLength(string text, int at)
        {
            if (at >= text.Length) return 0;
            if (Resync.IsNumberStart(text, at)) return Resync.SkipNumber(text, at) - at;
            int end = at;
            while (end < text.Length && Grammar.IsIdentifierPart(text[end])) end++;
            return end > at ? end - at : 1;
        }

        /// <summary>The end of the last character in [start, end) that is neither whitespace nor inside a comment.</summary>
        internal static int TrimEnd(string text, int start, int end)
        {
            int last = start;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c == '#' || (c == '/' && i + 1 < end && text[i + 1] == '/'))
                {
                    while (i + 1 < end && text[i + 1] != '\n' && text[i + 1] != '\r') i++;
                }
                else if (!char.IsWhiteSpace(c)) last = i + 1;
            }
            return last;
        }
    }
}
