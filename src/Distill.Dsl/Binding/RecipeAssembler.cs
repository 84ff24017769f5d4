using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Diagnostics;

namespace Distill.Dsl.Binding
{
    /// <summary>
    /// The last binding step: merges duplicate terms (same name, same arguments after defaults,
    /// same schedule; weights add, with a warning), names each term uniquely and gathers inputs.
    /// </summary>
    internal static class RecipeAssembler
    {
        public static BoundRecipe Assemble(IReadOnlyList<WeightedTerm> terms, List<DistillDiagnostic> diagnostics)
        {
            var merged = new List<WeightedTerm>();
            var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var term in terms)
            {
                string key = term.Valid ? Key(term) : "invalid#" + merged.Count;
                if (byKey.TryGetValue(key, out int index))
                {
                    var first = merged[index];
                    double sum = first.Weight + term.Weight;
                    string arithmetic = $"{ParamValue.FormatNumber(first.Weight)} + {ParamValue.FormatNumber(term.Weight)} = {ParamValue.FormatNumber(sum)}";
                    diagnostics.Add(DiagnosticDescriptors.DuplicateTerm.Create(term.Span, DisplayName(term.Spec.Name, NonDefault(term), _ => true), arithmetic));
                    merged[index] = first with { Weight = sum };
                }
                else
                {
                    byKey.Add(key, merged.Count);
                    merged.Add(term);
                }
            }

            var names = UniqueNames(merged);
            var bound = merged.Select((t, i) => new BoundTerm(t.Spec.Name, t.Spec.ClrType, names[i], t.Arguments, t.Weight, t.Schedule, Inputs(t), t.Span)).ToList();
            var inputs = bound.SelectMany(t => t.Inputs)
                .GroupBy(i => i.Name, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(i => i.Name, StringComparer.Ordinal);
            return new BoundRecipe(bound.ToEquatableArray(), inputs.ToEquatableArray());
        }

        /// <summary>The DSL name plus the arguments whose value differs from the default: <c>kd(T=2)</c>.</summary>
        public static string DisplayName(string name, IEnumerable<BoundArgument> arguments, Func<BoundArgument, bool>? show = null)
        {
            var shown = arguments.Where(show ?? (a => !a.IsDefault)).Select(a => $"{a.Name}={a.Value}").ToList();
            return shown.Count == 0 ? name : $"{name}({string.Join(", ", shown)})";
        }

        private static string Key(WeightedTerm term)
        {
            string all = DisplayName(term.Spec.Name, term.Arguments, _ => true);
            return term.Schedule is null ? all : all + " * " + DisplayName(term.Schedule.Name, term.Schedule.Arguments, _ => true);
        }

        private static string[] UniqueNames(List<WeightedTerm> terms)
        {
            var names = terms.Select(t => DisplayName(t.Spec.Name, NonDefault(t), _ => true)).ToArray();
            var clashing = new HashSet<string>(names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key), StringComparer.Ordinal);
            for (int i = 0; i < names.Length; i++)
            {
                var schedule = terms[i].Schedule;
                if (clashing.Contains(names[i]) && schedule is not null)
                    names[i] += "[" + DisplayName(schedule.Name, schedule.Arguments) + "]";
            }
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < names.Length; i++)
            {
                seen[names[i]] = seen.TryGetValue(names[i], out int n) ? n + 1 : 1;
                if (seen[names[i]] > 1) names[i] += "#" + seen[names[i]];
            }
            return names;
        }

        /// <summary>Arguments whose value differs from the parameter's default (given or not).</summary>
        private static IEnumerable<BoundArgument> NonDefault(WeightedTerm term) =>
            term.Arguments.Where(a => !Equals(a.Value, term.Spec.Parameters.FirstOrDefault(p => p.Name == a.Name)?.Default));

        private static EquatableArray<BoundInput> Inputs(WeightedTerm term) =>
            term.Spec.Inputs.Select(spec =>
            {
                string tap = spec.Tap;
                if (spec.TapParameter is not null)
                {
                    var argument = term.Arguments.FirstOrDefault(a => a.Name == spec.TapParameter);
                    if (argument is { Value.Kind: ParamValueKind.Identifier }) tap = argument.Value.Identifier;
                }
                return new BoundInput(InputNames.Of(spec.Role, tap), spec.Role, tap, spec.Kind);
            }).ToEquatableArray();
    }
}
