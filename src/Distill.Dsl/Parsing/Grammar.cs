using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Distill.Dsl.Diagnostics;
using Distill.Dsl.Syntax;
using Distill.Dsl.Text;
using Sprache;

namespace Distill.Dsl.Parsing
{
    /// <summary>
    /// The grammar of docs/language.md, leaf to root. Every token is <c>Positioned()</c> before its
    /// trailing trivia is skipped, so spans exclude whitespace and comments. <c>X</c> combinators
    /// keep a failure where the input went wrong instead of backtracking to the last good token.
    /// Recovery across terms and lets lives in <see cref="RecipeParser"/>.
    /// </summary>
    internal static class Grammar
    {
        public const string Keyword = "let";

        /// <summary>Whitespace and comments (<c>#</c> or <c>//</c> to the end of the line); never fails.</summary>
        public static readonly Parser<int> Trivia = input =>
        {
            var rest = input;
            while (!rest.AtEnd)
            {
                char c = rest.Current;
                if (char.IsWhiteSpace(c)) rest = rest.Advance();
                else if (c == '#' || (c == '/' && Peek(rest, 1) == '/'))
                {
                    while (!rest.AtEnd && rest.Current != '\n' && rest.Current != '\r') rest = rest.Advance();
                }
                else break;
            }
            return Result.Success(rest.Position - input.Position, rest);
        };

        private static Parser<Located<T>> Token<T>(Parser<T> parser) =>
            from value in parser.Select(v => new Located<T>(v, default)).Positioned()
            from trivia in Trivia
            select value;

        /// <summary>One character; a failure names what was expected and allocates nothing else.</summary>
        private static Parser<Located<char>> Symbol(char c, string? expected = null)
        {
            var expectations = new[] { expected ?? $"'{c}'" };
            Parser<char> single = input => !input.AtEnd && input.Current == c
                ? Result.Success(c, input.Advance())
                : Result.Failure<char>(input, "unexpected character", expectations);
            return Token(single);
        }

        private static readonly Parser<Located<char>> Open = Symbol('(');
        private static readonly Parser<Located<char>> Close = Symbol(')');
        private static readonly Parser<Located<char>> CloseAfterArgument = Symbol(')', "',' or ')'");
        private static readonly Parser<Located<char>> Comma = Symbol(',');
        private static readonly Parser<Located<char>> Minus = Symbol('-');
        private static readonly Parser<Located<char>> EqualsSign = Symbol('=');

        public static bool IsIdentifierStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || (c >= '0' && c <= '9');
        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        /// <summary><c>[A-Za-z_][A-Za-z0-9_]*</c>, including the keyword.</summary>
        public static readonly Parser<string> Word = Lexeme("identifier", (text, i) =>
        {
            if (i >= text.Length || !IsIdentifierStart(text[i])) return i;
            while (i < text.Length && IsIdentifierPart(text[i])) i++;
            return i;
        });

        public static readonly Parser<string> Identifier =
            Word.Where(w => w != Keyword).Named("identifier");

        /// <summary><c>digits ('.' digits)? | '.' digits</c>, then an optional exponent <c>[eE][+-]?digits</c>.</summary>
        private static readonly Parser<string> NumberText = Lexeme("number", (text, i) =>
        {
            int start = i;
            i = SkipDigits(text, i);
            if (i < text.Length && text[i] == '.' && i + 1 < text.Length && IsDigit(text[i + 1])) i = SkipDigits(text, i + 1);
            if (i == start) return start;
            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                int j = i + 1;
                if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
                if (j < text.Length && IsDigit(text[j])) i = SkipDigits(text, j);
            }
            return i;
        });

        private static int SkipDigits(string text, int i)
        {
            while (i < text.Length && IsDigit(text[i])) i++;
            return i;
        }

        private static char Peek(IInput input, int ahead) =>
            input.Position + ahead < input.Source.Length ? input.Source[input.Position + ahead] : '\0';

        /// <summary>A token read by a scanner (text, start) → end; fails without consuming when it reads nothing.</summary>
        private static Parser<string> Lexeme(string name, Func<string, int, int> scan)
        {
            var expectations = new[] { name };
            return input =>
            {
                int end = input.AtEnd ? input.Position : scan(input.Source, input.Position);
                if (end == input.Position) return Result.Failure<string>(input, "unexpected character", expectations);
                var rest = input;
                while (rest.Position < end && !rest.AtEnd) rest = rest.Advance();
                return Result.Success(input.Source.Substring(input.Position, rest.Position - input.Position), rest);
            };
        }

        /// <summary>A number literal; one too large for a double becomes an <see cref="ErrorSyntax"/>.</summary>
        public static readonly Parser<ExpressionSyntax> Number =
            Token(NumberText).Select(ToNumber).Named("number");

        private static ExpressionSyntax ToNumber(Located<string> text)
        {
            double value = double.Parse(text.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            return double.IsInfinity(value)
                ? new ErrorSyntax(DiagnosticDescriptors.NumberTooLarge.Create(text.Span, text.Value), text.Span)
                : new NumberSyntax(value, text.Span);
        }

        private static readonly Parser<Located<string>> DottedName = Token(
            from first in Identifier
            from rest in Parse.Char('.').Then(_ => Identifier).XMany()
            select string.Join(".", new[] { first }.Concat(rest)));

        private static readonly Parser<ExpressionSyntax> ArgumentValue =
            Number
                .XOr(Token(Identifier).Select(n => (ExpressionSyntax)new NameSyntax(n.Value, n.Span)))
                .XOr(from minus in Minus
                     from number in Number
                     select (ExpressionSyntax)new NegateSyntax(number, minus.Span.Cover(number.Span)))
                .Named("a number, true, false or an identifier");

        private static readonly Parser<ArgumentSyntax> Argument =
            from name in Token(Identifier).Named("parameter name")
            from eq in EqualsSign
            from value in ArgumentValue
            select new ArgumentSyntax(name.Value, name.Span, value, name.Span.Cover(value.Span));

        /// <summary>
        /// An argument, or, when it cannot be read, an argument holding an <see cref="ErrorSyntax"/>
        /// that reaches to the next <c>,</c> or <c>)</c> of the list on the same line, so the other
        /// arguments are still checked. Without such a resync point the failure stands.
        /// </summary>
        private static readonly Parser<ArgumentSyntax> RecoveringArgument = input =>
        {
            var result = Argument(input);
            if (result.WasSuccessful) return result;
            int end = Resync.ArgumentEnd(input.Source, result.Remainder.Position);
            var rest = input;
            while (rest.Position < end && !rest.AtEnd) rest = rest.Advance();
            if (end < 0 || rest.Position < end) return result;
            var span = TextSpan.FromBounds(input.Position, RecipeParser.TrimEnd(input.Source, input.Position, end));
            var error = new ErrorSyntax(RecipeParser.SyntaxError(input.Source, result), span);
            return Result.Success(new ArgumentSyntax("", new TextSpan(result.Remainder.Position, 0), error, span), rest);
        };

        private static readonly Parser<(IEnumerable<ArgumentSyntax> Arguments, TextSpan Close)> ArgumentList =
            from open in Open
            from list in Close.Select(close => (Enumerable.Empty<ArgumentSyntax>(), close.Span))
                .XOr(from arguments in RecoveringArgument.XDelimitedBy(Comma)
                     from close in CloseAfterArgument
                     select (arguments, close.Span))
            select list;

        private static readonly Parser<ExpressionSyntax> CallOrName =
            from name in DottedName
            from arguments in ArgumentList.XOptional()
            select MakeCall(name, arguments);

        private static ExpressionSyntax MakeCall(Located<string> name, IOption<(IEnumerable<ArgumentSyntax> Arguments, TextSpan Close)> arguments)
        {
            if (arguments.IsEmpty && name.Value.IndexOf('.') < 0) return new NameSyntax(name.Value, name.Span);
            var span = arguments.IsDefined ? name.Span.Cover(arguments.Get().Close) : name.Span;
            var list = arguments.IsDefined ? arguments.Get().Arguments.ToEquatableArray() : EquatableArray<ArgumentSyntax>.Empty;
            return new CallSyntax(name.Value, name.Span, arguments.IsDefined, list, span);
        }

        private static readonly Parser<ExpressionSyntax> Group =
            from open in Open
            from inner in Parse.Ref(() => Expression)
            from close in Close
            select (ExpressionSyntax)new ParenSyntax(inner, open.Span.Cover(close.Span));

        private static readonly Parser<ExpressionSyntax> Atom =
            Number.XOr(CallOrName).XOr(Group).Named("a term, a number, '(' or '-'");

        private static readonly Parser<ExpressionSyntax> Unary =
            from minuses in Minus.XMany()
            from atom in Atom
            select minuses.Reverse().Aggregate(atom, (operand, minus) => new NegateSyntax(operand, minus.Span.Cover(operand.Span)));

        /// <summary>
        /// One of the operators spelled by <paramref name="symbols"/> (in <see cref="BinaryOperator"/>
        /// order from <paramref name="first"/>), read in one step rather than as an <c>Or</c> of
        /// symbols: operators are tried after every operand, and this keeps that cheap.
        /// </summary>
        private static Parser<Located<BinaryOperator>> Operator(string symbols, BinaryOperator first)
        {
            var expectations = symbols.Select(c => $"'{c}'").ToArray();
            Parser<BinaryOperator> single = input =>
            {
                int index = input.AtEnd ? -1 : symbols.IndexOf(input.Current);
                return index >= 0
                    ? Result.Success((BinaryOperator)((int)first + index), input.Advance())
                    : Result.Failure<BinaryOperator>(input, "unexpected character", expectations);
            };
            return Token(single);
        }

        private static readonly Parser<BinaryOperator> MultiplyOperator =
            Operator("*/", BinaryOperator.Multiply).Select(op => op.Value);

        /// <summary><c>+</c> or <c>-</c> with its span, for the top-level sum in <see cref="RecipeParser"/>.</summary>
        public static readonly Parser<Located<BinaryOperator>> AddOperatorToken = Operator("+-", BinaryOperator.Add);

        private static readonly Parser<BinaryOperator> AddOperator = AddOperatorToken.Select(op => op.Value);

        /// <summary><c>unary (('*' | '/') unary)*</c>, left-deep, built without recursion.</summary>
        public static readonly Parser<ExpressionSyntax> Product =
            from first in Unary
            from rest in MultiplyOperator.Then(op => Unary.Select(right => (op, right))).XMany()
            select Chain(first, rest);

        /// <summary><c>product (('+' | '-') product)*</c>, used inside parentheses and lets.</summary>
        public static readonly Parser<ExpressionSyntax> Expression =
            from first in Product
            from rest in AddOperator.Then(op => Product.Select(right => (op, right))).XMany()
            select Chain(first, rest);

        public static readonly Parser<LetSyntax> Let =
            from keyword in Token(Word.Where(w => w == Keyword).Named("'let'"))
            from name in Token(Identifier).Named("a name for the let")
            from eq in EqualsSign
            from value in Expression
            select new LetSyntax(name.Value, name.Span, value, keyword.Span.Cover(value.Span));

        private static ExpressionSyntax Chain(ExpressionSyntax first, IEnumerable<(BinaryOperator Op, ExpressionSyntax Right)> rest) =>
            rest.Aggregate(first, (left, r) => new BinarySyntax(left, r.Op, r.Right, left.Span.Cover(r.Right.Span)));
    }
}
