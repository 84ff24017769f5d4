using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Diagnostics;
using Distill.Dsl.Parsing;
using Distill.Dsl.Syntax;
using Distill.Dsl.Text;

namespace Distill.Dsl.Overrides
{
    /// <summary>
    /// Command-line overrides of a recipe (<c>distill train --set kd.T=2</c>): each is <c>TARGET=VALUE</c>, where
    /// TARGET is a <c>let</c> (<c>w</c>), a term's or schedule's argument (<c>kd.T</c>, <c>rkd.angle.weight</c> is
    /// <c>weight</c> of <c>rkd.angle</c>: the name is split at its last dot) or a term's <c>weight</c> (the plain
    /// number it is multiplied by; inserted when it has none; for a term with a parameter named <c>weight</c>, such
    /// as <c>bake</c>, <c>TERM.weight</c> is that parameter). VALUE is recipe text. They are applied to the
    /// source text, not to the bound recipe, so the result is a recipe like any other: the compiler checks it in
    /// full, and run records and <c>explain</c> show exactly what ran. Every occurrence of a term is changed; a
    /// later override of the same target wins. Diagnostics inside an override's value point into that override.
    /// </summary>
    public static class RecipeOverrides
    {
        public static readonly DiagnosticDescriptor BadOverride = new("DST0501", DiagnosticSeverity.Error, "bad override",
            "'{0}' is not TARGET=VALUE; write e.g. kd.T=2, w=0.5 (a let) or kd.weight=0.5");
        public static readonly DiagnosticDescriptor UnknownTarget = new("DST0502", DiagnosticSeverity.Error, "unknown override target",
            "{0}");
        public static readonly DiagnosticDescriptor WeightNotANumber = new("DST0503", DiagnosticSeverity.Error, "weight is not a plain number",
            "the weight of '{0}' is '{1}', not a plain number; set {2}");

        /// <summary>Every override descriptor, in id order (they are reported for <c>--set</c> text, never for a recipe file).</summary>
        public static readonly EquatableArray<DiagnosticDescriptor> All = EquatableArray.Create(BadOverride, UnknownTarget, WeightNotANumber);

        /// <summary>
        /// Applies <paramref name="overrides"/> to <paramref name="text"/> and compiles the result against
        /// <paramref name="catalogue"/>. Never throws; every diagnostic is placed in the recipe or in an override.
        /// </summary>
        public static OverrideResult Apply(string text, IReadOnlyList<string> overrides, TermCatalogue catalogue)
        {
            var problems = new List<PlacedDiagnostic>();
            var edits = new List<Edit>();
            if (overrides.Count > 0)
            {
                var parsed = RecipeParser.Parse(text);
                if (parsed.Diagnostics.Any(d => d.IsError))
                    return Compiled(text, [], catalogue, problems);
                var nodes = Walk(parsed.Syntax).ToList();
                for (int i = 0; i < overrides.Count; i++)
                    Plan(i, overrides[i], parsed.Syntax, nodes, catalogue, edits, problems);
            }
            if (problems.Count > 0) return new OverrideResult(null, text, overrides, problems.ToEquatableArray());
            // A later override of the same spot wins.
            var kept = edits.GroupBy(e => (e.Start, e.Length)).Select(g => g.Last()).OrderBy(e => e.Start).ToList();
            for (int i = 1; i < kept.Count; i++)
                if (kept[i].Start < kept[i - 1].Start + kept[i - 1].Length)
                {
                    problems.Add(new PlacedDiagnostic(UnknownTarget.Create(new TextSpan(0, overrides[kept[i].Override].Length),
                        $"'{overrides[kept[i].Override]}' changes text that '{overrides[kept[i - 1].Override]}' also changes; give one of them"), kept[i].Override));
                    return new OverrideResult(null, text, overrides, problems.ToEquatableArray());
                }
            var result = new StringBuilder();
            int at = 0;
            var placed = new List<Placed>();
            foreach (var edit in kept)
            {
                result.Append(text, at, edit.Start - at);
                placed.Add(new Placed(edit, result.Length));
                result.Append(edit.Replacement);
                at = edit.Start + edit.Length;
            }
            result.Append(text, at, text.Length - at);
            return Compiled(result.ToString(), placed, catalogue, problems, text, overrides);
        }

        private static OverrideResult Compiled(string effective, List<Placed> placed, TermCatalogue catalogue, List<PlacedDiagnostic> problems,
                                               string? original = null, IReadOnlyList<string>? overrides = null)
        {
            var compiled = RecipeCompiler.Compile(effective, catalogue);
            foreach (var d in compiled.Diagnostics) problems.Add(Map(d, placed));
            return new OverrideResult(compiled.Recipe is null ? null : effective, original ?? effective, overrides ?? [], problems.ToEquatableArray()) { Compiled = compiled };
        }

        /// <summary>Moves a diagnostic of the effective text to the override whose value holds it, or back to the recipe's own text.</summary>
        private static PlacedDiagnostic Map(DistillDiagnostic d, List<Placed> placed)
        {
            int shift = 0;
            foreach (var p in placed)
            {
                int end = p.At + p.Edit.Replacement.Length;
                if (d.Span.Start >= p.At && d.Span.Start < end || d.Span.Start == p.At && d.Span.Length == 0)
                {
                    int inValue = d.Span.Start - p.At - p.Edit.ValueAt;
                    // Before the value (an inserted argument's name): the override's target.
                    if (inValue < 0) return new PlacedDiagnostic(d with { Span = new TextSpan(0, System.Math.Max(0, p.Edit.ValueInOverride - 1)) }, p.Edit.Override);
                    int start = p.Edit.ValueInOverride + Math.Max(0, Math.Min(inValue, p.Edit.ValueLength));
                    int length = Math.Max(0, Math.Min(d.Span.Length, p.Edit.ValueInOverride + p.Edit.ValueLength - start));
                    return new PlacedDiagnostic(d with { Span = new TextSpan(start, length) }, p.Edit.Override);
                }
                if (d.Span.Start < p.At) break;
                shift += p.Edit.Replacement.Length - p.Edit.Length;
            }
            return new PlacedDiagnostic(d with { Span = new TextSpan(Math.Max(0, d.Span.Start - shift), d.Span.Length) }, null);
        }

        private static void Plan(int index, string option, RecipeSyntax recipe, List<(SyntaxNode Node, SyntaxNode? Parent)> nodes,
                                 TermCatalogue catalogue, List<Edit> edits, List<PlacedDiagnostic> problems)
        {
            int equals = option.IndexOf('=');
            string target = equals < 0 ? "" : option.Substring(0, equals).Trim();
            string value = equals < 0 ? "" : option.Substring(equals + 1);
            int valueAt = equals + 1 + (value.Length - value.TrimStart().Length);
            value = value.Trim();
            void Fail(DiagnosticDescriptor descriptor, params object[] args) =>
                problems.Add(new PlacedDiagnostic(descriptor.Create(new TextSpan(0, Math.Max(0, equals < 0 ? option.Length : equals)), args), index));
            if (equals <= 0 || value.Length == 0 || target.Length == 0) { Fail(BadOverride, option); return; }

            int dot = target.LastIndexOf('.');
            if (dot < 0)
            {
                var let = recipe.Lets.FirstOrDefault(l => l.Name == target);
                if (let is null)
                {
                    var lets = recipe.Lets.Select(l => l.Name).Where(n => n.Length > 0).ToList();
                    string? near = Suggestions.Closest(target, lets);
                    Fail(UnknownTarget, $"the recipe has no let '{target}'" + (near is not null ? $"; did you mean '{near}'?" : lets.Count > 0 ? $"; its lets: {string.Join(", ", lets)}" : "; a term's argument is TERM.NAME, e.g. kd.T"));
                    return;
                }
                edits.Add(new Edit(let.Value.Span.Start, let.Value.Span.Length, value, 0, index, valueAt, value.Length));
                return;
            }
            string term = target.Substring(0, dot), name = target.Substring(dot + 1);
            var uses = nodes.Where(n => n.Node is CallSyntax c && c.Name == term || n.Node is NameSyntax s && s.Name == term && n.Parent is not ArgumentSyntax && !recipe.Lets.Any(l => l.Name == term)).ToList();
            if (uses.Count == 0 || name.Length == 0)
            {
                var names = nodes.Select(n => n.Node switch { CallSyntax c => c.Name, NameSyntax s when n.Parent is not ArgumentSyntax => s.Name, _ => null })
                                 .Where(n => n is not null && !recipe.Lets.Any(l => l.Name == n)).Select(n => n!).Distinct().ToList();
                string? near = Suggestions.Closest(term, names);
                Fail(UnknownTarget, name.Length == 0 ? $"'{target}' names no argument; write {term}.NAME=VALUE"
                     : $"the recipe has no term or schedule '{term}'" + (near is not null ? $"; did you mean '{near}'?" : names.Count > 0 ? $"; it has: {string.Join(", ", names)}" : ""));
                return;
            }
            // A term with a parameter called weight (bake) keeps that meaning: TERM.weight is then the parameter.
            bool recipeWeight = name == "weight" && catalogue.FindTerm(term)?.Parameters.Any(p => p.Name == "weight") != true;
            foreach (var (node, parent) in uses)
            {
                if (recipeWeight) Weight(index, term, node, parent, value, valueAt, edits, Fail);
                else Argument(index, node, name, value, valueAt, edits);
            }
        }

        /// <summary>Replaces the plain number a term is multiplied by, or puts one in front of it.</summary>
        private static void Weight(int index, string term, SyntaxNode node, SyntaxNode? parent, string value, int valueAt, List<Edit> edits,
                                   Action<DiagnosticDescriptor, object[]> fail)
        {
            if (parent is BinarySyntax { Operator: BinaryOperator.Multiply } times)
            {
                var other = ReferenceEquals(times.Left, node) ? times.Right : times.Left;
                if (other is NumberSyntax number)
                    edits.Add(new Edit(number.Span.Start, number.Span.Length, value, 0, index, valueAt, value.Length));
                else
                    fail(WeightNotANumber, [term, Describe(other), other is NameSyntax let ? $"the let instead: --set {let.Name}=VALUE" : "a let in the recipe and --set that instead"]);
                return;
            }
            string prefix = value + " * ";
            edits.Add(new Edit(node.Span.Start, 0, prefix, 0, index, valueAt, value.Length));
        }

        /// <summary>Replaces an argument's value, or adds the argument to the call.</summary>
        private static void Argument(int index, SyntaxNode node, string name, string value, int valueAt, List<Edit> edits)
        {
            if (node is CallSyntax call)
            {
                var argument = call.Arguments.FirstOrDefault(a => a.Name == name);
                if (argument is not null)
                {
                    edits.Add(new Edit(argument.Value.Span.Start, argument.Value.Span.Length, value, 0, index, valueAt, value.Length));
                    return;
                }
                if (call.HasParentheses)
                {
                    string lead = (call.Arguments.Count > 0 ? ", " : "") + name + " = ";
                    edits.Add(new Edit(call.Span.End - 1, 0, lead + value, lead.Length, index, valueAt, value.Length));
                    return;
                }
            }
            string open = "(" + name + " = ";
            edits.Add(new Edit(node.Span.End, 0, open + value + ")", open.Length, index, valueAt, value.Length));
        }

        private static string Describe(SyntaxNode node) => node switch
        {
            NameSyntax n => n.Name,
            CallSyntax c => c.Name + (c.HasParentheses ? "(…)" : ""),
            _ => "an expression",
        };

        /// <summary>Every node with its parent, depth first. The parser bounds nesting depth, so this recursion is bounded too.</summary>
        private static IEnumerable<(SyntaxNode Node, SyntaxNode? Parent)> Walk(RecipeSyntax recipe)
        {
            var all = new List<(SyntaxNode, SyntaxNode?)>();
            void Visit(SyntaxNode node, SyntaxNode? parent)
            {
                all.Add((node, parent));
                switch (node)
                {
                    case LetSyntax let: Visit(let.Value, let); break;
                    case BinarySyntax b: Visit(b.Left, b); Visit(b.Right, b); break;
                    case NegateSyntax n: Visit(n.Operand, n); break;
                    case ParenSyntax p: Visit(p.Inner, p); break;
                    case CallSyntax c: foreach (var a in c.Arguments) Visit(a, c); break;
                    case ArgumentSyntax a: Visit(a.Value, a); break;
                }
            }
            foreach (var let in recipe.Lets) Visit(let, recipe);
            if (recipe.Body is not null) Visit(recipe.Body, recipe);
            return all;
        }

        /// <summary>
        /// One planned change: replace [Start, Start + Length) of the recipe with <see cref="Replacement"/>, whose value
        /// part starts at <see cref="ValueAt"/> and comes from override <see cref="Override"/> at <see cref="ValueInOverride"/>.
        /// </summary>
        private sealed record Edit(int Start, int Length, string Replacement, int ValueAt, int Override, int ValueInOverride, int ValueLength);

        private sealed record Placed(Edit Edit, int At);
    }
}
