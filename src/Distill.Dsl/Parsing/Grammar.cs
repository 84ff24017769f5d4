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

        private static readonly Parser<string> Comment =
            from start in Parse.String("#").Text().Or(Parse.String("//").Text())
            from body in Parse.CharExcept("\r\n").Many().Text()
            select start + body;

        /// <summary>Whitespace and comments.</summary>
        public static readonly Parser<IEnumerable<string>> Trivia =
            Parse.WhiteSpace.Once().Text().Or(Comment).Many();

        private static Parser<Located<T>> Token<T>(Parser<T> parser) =>
            from value in parser.Select(v => new Located<T>(v, default)).Positioned()
            from trivia in Trivia
            select value;

        private static Parser<Located<char>> Symbol(char c) => Token(Parse.Char(c).Named($"'{c}'"));

        public static bool IsIdentifierStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || (c >= '0' && c <= '9');
        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        /// <summary><c>[A-Za-z_][A-Za-z0-9_]*</c>, including the keyword.</summary>
        public static readonly Parser<string> Word =
            from first in Parse.Char(IsIdentifierStart, "identifier")
            from rest in Parse.Char(IsIdentifierPart, "identifier").Many().Text()
            select first + rest;

        public static readonly Parser<string> Identifier =
            Word.Where(w => w != Keyword).Named("identifier");

        private static readonly Parser<string> Digits = Parse.Char(IsDigit, "digit").AtLeastOnce().Text();

        private static readonly Parser<string> Fraction =
            from dot in Parse.Char('.')
            from digits in Digits
            select "." + digits;

        private static readonly Parser<string> Exponent =
            from e in Parse.Chars("eE")
            from sign in Parse.Chars("+-").Optional()
            from digits in Digits
            select "e" + (sign.IsDefined ? sign.Get().ToString() : "") + digits;

        private static readonly Parser<string> NumberText =
            from mantissa in Digits.Then(i => Fraction.Optional().Select(f => i + f.GetOrElse(""))).Or(Fraction)
            from exponent in Exponent.Optional()
            select mantissa + exponent.GetOrElse("");

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
                .XOr(from minus in Symbol('-')
                     from number in Number
                     select (ExpressionSyntax)new NegateSyntax(number, minus.Span.Cover(number.Span)))
                .Named("a number, true, false or an identifier");

        private static readonly Parser<ArgumentSyntax> Argument =
            from name in Token(Identifier).Named("parameter name")
            from eq in Symbol('=')
            from value in ArgumentValue
            select new ArgumentSyntax(name.Value, name.Span, value, name.Span.Cover(value.Span));

        private static readonly Parser<(IEnumerable<ArgumentSyntax> Arguments, TextSpan Close)> ArgumentList =
            from open in Symbol('(')
            from arguments in Argument.XDelimitedBy(Symbol(',')).XOptional()
            from close in Symbol(')').Named(arguments.IsDefined ? "',' or ')'" : "parameter name or ')'")
            select (arguments.GetOrElse(Enumerable.Empty<ArgumentSyntax>()), close.Span);

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
            from open in Symbol('(')
            from inner in Parse.Ref(() => Expression)
            from close in Symbol(')').Named("')'")
            select (ExpressionSyntax)new ParenSyntax(inner, open.Span.Cover(close.Span));

        private static readonly Parser<ExpressionSyntax> Atom =
            Number.XOr(CallOrName).XOr(Group).Named("a term, a number, '(' or '-'");

        private static readonly Parser<ExpressionSyntax> Unary =
            from minuses in Symbol('-').XMany()
            from atom in Atom
            select minuses.Reverse().Aggregate(atom, (operand, minus) => new NegateSyntax(operand, minus.Span.Cover(operand.Span)));

        private static readonly Parser<BinaryOperator> MultiplyOperator =
            Symbol('*').Return(BinaryOperator.Multiply).Or(Symbol('/').Return(BinaryOperator.Divide));

        private static readonly Parser<BinaryOperator> AddOperator =
            Symbol('+').Return(BinaryOperator.Add).Or(Symbol('-').Return(BinaryOperator.Subtract));

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

        public static readonly Parser<Located<BinaryOperator>> AddOperatorToken =
            Symbol('+').Select(t => new Located<BinaryOperator>(BinaryOperator.Add, t.Span))
                .Or(Symbol('-').Select(t => new Located<BinaryOperator>(BinaryOperator.Subtract, t.Span)));

        public static readonly Parser<LetSyntax> Let =
            from keyword in Token(Word.Where(w => w == Keyword).Named("'let'"))
            from name in Token(Identifier).Named("a name for the let")
            from eq in Symbol('=')
            from value in Expression
            select new LetSyntax(name.Value, name.Span, value, keyword.Span.Cover(value.Span));

        private static ExpressionSyntax Chain(ExpressionSyntax first, IEnumerable<(BinaryOperator Op, ExpressionSyntax Right)> rest) =>
            rest.Aggregate(first, (left, r) => new BinarySyntax(left, r.Op, r.Right, left.Span.Cover(r.Right.Span)));
    }
}
