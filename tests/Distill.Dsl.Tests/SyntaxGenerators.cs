using System;
using System.Linq;
using Distill.Dsl.Syntax;
using Distill.Dsl.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Distill.Dsl.Tests;

/// <summary>
/// FsCheck generators: syntax trees in the shapes the parser produces (groups where precedence
/// needs them), recipe-like strings, and mutations of valid recipes.
/// </summary>
public static class SyntaxGenerators
{
    private static readonly TextSpan None = default;

    public static readonly string[] ValidRecipes =
    {
        "ce + 0.9 * kd(T = 4)",
        "let T = 4\nce\n  + 0.9 * kd(T = T) # soft\n  + sskd(topk = 0.75, T = 0.5)\n  + rkd.angle * 2\n  + 0.5 * (rkd.distance + sp(at = layer3))\n  + warmup(epochs = 5) * pad\n",
        "// weights\nlet w = 1e-3\nlet v = w * 2 / .5\nce - v * cc(p_order = 3, gamma = 0.1) + linear(from = 0, to = 1, steps = 100) * seed(queue = 16)",
        "-(-ce) + 2 * (kd + bake(omega = 0.25, T = 3)) / 4 + pad(reduction = sum, detach = true, eps = 1e-8)",
    };

    private static Gen<string> Identifier { get; } = Gen.Elements("ce", "kd", "sp", "x", "T", "layer3", "true", "false", "warmup", "a_1", "_b");

    private static Gen<double> Number { get; } = Gen.OneOf(
        Gen.Choose(0, 100_000).Select(i => i / 1000.0),
        Gen.Elements(0.0, 1e-3, 4.0, 2.5e10, 1e-300, 1.7976931348623157e308, 0.1 + 0.2));

    private static Gen<ExpressionSyntax> NumberNode { get; } = Number.Select(n => (ExpressionSyntax)new NumberSyntax(n, None));

    private static Gen<ExpressionSyntax> ArgumentValue { get; } = Gen.OneOf(
        NumberNode,
        Identifier.Select(i => (ExpressionSyntax)new NameSyntax(i, None)),
        NumberNode.Select(n => (ExpressionSyntax)new NegateSyntax(n, None)));

    private static Gen<ArgumentSyntax> Argument { get; } =
        from name in Identifier
        from value in ArgumentValue
        select new ArgumentSyntax(name, None, value, None);

    private static Gen<ExpressionSyntax> Call { get; } =
        from parts in Gen.Choose(1, 3)
        from names in Gen.ListOf(Identifier, parts)
        from withParens in Gen.Elements(true, false)
        from count in Gen.Choose(0, 3)
        from arguments in Gen.ListOf(Argument, count)
        let name = string.Join(".", names)
        let parens = withParens || parts == 1
        select (ExpressionSyntax)new CallSyntax(name, None, parens, parens ? arguments.ToEquatableArray() : EquatableArray<ArgumentSyntax>.Empty, None);

    private static Gen<ExpressionSyntax> Atom(int size) => size <= 0
        ? Gen.OneOf(NumberNode, Identifier.Select(i => (ExpressionSyntax)new NameSyntax(i, None)), Call)
        : Gen.OneOf(NumberNode, Identifier.Select(i => (ExpressionSyntax)new NameSyntax(i, None)), Call,
            Sum(size / 2).Select(e => (ExpressionSyntax)new ParenSyntax(e, None)));

    private static Gen<ExpressionSyntax> Unary(int size) => Gen.Frequency(
        (4, Atom(size)),
        (1, Gen.Sized(_ => Atom(size)).Select(a => (ExpressionSyntax)new NegateSyntax(a, None))));

    private static Gen<ExpressionSyntax> Product(int size) => size <= 0
        ? Unary(0)
        : Gen.OneOf(
            Unary(size),
            from left in Product(size / 2)
            from op in Gen.Elements(BinaryOperator.Multiply, BinaryOperator.Divide)
            from right in Unary(size / 2)
            select (ExpressionSyntax)new BinarySyntax(left, op, right, None));

    public static Gen<ExpressionSyntax> Sum(int size) => size <= 0
        ? Product(0)
        : Gen.OneOf(
            Product(size),
            from left in Sum(size / 2)
            from op in Gen.Elements(BinaryOperator.Add, BinaryOperator.Subtract)
            from right in Product(size / 2)
            select (ExpressionSyntax)new BinarySyntax(left, op, right, None));

    private static Gen<LetSyntax> Let(int size) =>
        from name in Identifier
        from value in Sum(size)
        select new LetSyntax(name, None, value, None);

    public static Arbitrary<RecipeSyntax> Recipes() => Arb.From(Gen.Sized(size =>
        from count in Gen.Choose(0, 3)
        from lets in Gen.ListOf(Let(Math.Min(size, 16) / 2), count)
        from body in Sum(Math.Min(size, 16))
        select new RecipeSyntax(lets.ToEquatableArray(), body, None)));

    /// <summary>Strings over the language's own alphabet, so that they reach deep into the grammar.</summary>
    public static Arbitrary<string> RecipeLikeText() => Arb.From(
        Gen.ListOf(Gen.Elements(
            "ce", "kd", "sp", "rkd.angle", "warmup", "let", " ", "\n", "(", ")", "+", "-", "*", "/", "=", ",", ".",
            "#", "//", "1", "0", "e", "1e-3", "T", "at", "true", "x", "\t", "\r")).Select(parts => string.Concat(parts)));

    public static Arbitrary<string> MutatedRecipes() => Arb.From(
        from recipe in Gen.Elements(ValidRecipes)
        from edits in Gen.ListOf(Gen.Zip(Gen.Choose(0, 2), Gen.Zip(Gen.Choose(0, 10_000), Gen.Elements("()+-*/=,.#\n 0eTk_x".ToCharArray()))), 3)
        select edits.Aggregate(recipe, Mutate));

    private static string Mutate(string text, (int Kind, (int Position, char Char) Edit) e)
    {
        int at = text.Length == 0 ? 0 : e.Edit.Position % (text.Length + 1);
        return e.Kind switch
        {
            0 => text.Insert(at, e.Edit.Char.ToString()),
            1 when at < text.Length => text.Remove(at, 1),
            2 when at < text.Length => text.Remove(at, 1).Insert(at, e.Edit.Char.ToString()),
            _ => text,
        };
    }
}
