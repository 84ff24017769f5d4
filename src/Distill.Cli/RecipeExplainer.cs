using System.Collections.Generic;
using System.IO;
using System.Linq;
using Distill.Dsl;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Costs;

namespace Distill.Cli
{
    /// <summary>
    /// Prints a bound recipe for people: the normalised weighted sum, then each term with every
    /// parameter (defaults marked), its inputs, its weight and schedule, then the required inputs.
    /// </summary>
    internal static class RecipeExplainer
    {
        /// <param name="size">With a size, each term also shows its time and memory order and the estimate at that size.</param>
        public static void Write(TextWriter w, string path, BoundRecipe recipe, TermCatalogue catalogue, CostSize? size = null)
        {
            w.WriteLine(path);
            w.WriteLine($"  total = {Sum(recipe)}");
            for (int i = 0; i < recipe.Terms.Count; i++)
            {
                var term = recipe.Terms[i];
                var spec = catalogue.FindTerm(term.Name);
                w.WriteLine();
                w.WriteLine($"  [{i + 1}] {term.DisplayName}");
                if (spec is { Description.Length: > 0 }) w.WriteLine($"      {spec.Description}");
                w.WriteLine($"      weight    {Weight(term)}");
                if (term.Schedule is { } schedule)
                    WriteArguments(w, "schedule", schedule.Name + ".", schedule.Arguments, catalogue.FindSchedule(schedule.Name)?.Parameters);
                WriteArguments(w, "params", "", term.Arguments, spec?.Parameters);
                w.WriteLine($"      inputs    {string.Join(", ", term.Inputs.Select(Input))}");
                if (size is not null)
                    w.WriteLine($"      cost      {(TermCosts.Estimate(term.Name, size) is { } cost ? TermCosts.Describe(cost) : "no cost model (not a built-in term)")}");
            }
            w.WriteLine();
            w.WriteLine($"  required inputs: {string.Join(", ", recipe.Inputs.Select(Input))}");
            if (size is not null)
                w.WriteLine($"  costs at N = {size.Batch}, D = {size.Dim}, C = {size.Classes}, per forward and backward pass; times calibrated on the machine of docs/costs.md");
        }

        /// <summary><c>ce + 0.9 * kd(T=2) - 0.5 * warmup(epochs = 5) * pad</c>.</summary>
        public static string Sum(BoundRecipe recipe)
        {
            var parts = new List<string>();
            foreach (var term in recipe.Terms)
            {
                double magnitude = System.Math.Abs(term.Weight);
                var factors = new List<string>();
                if (magnitude != 1) factors.Add(ParamValue.FormatNumber(magnitude));
                if (term.Schedule is { } s) factors.Add(Call(s.Name, s.Arguments));
                factors.Add(term.DisplayName);
                string product = string.Join(" * ", factors);
                parts.Add(parts.Count == 0
                    ? (term.Weight < 0 ? "-" + product : product)
                    : (term.Weight < 0 ? "- " : "+ ") + product);
            }
            return string.Join(" ", parts);
        }

        private static string Weight(BoundTerm term) =>
            term.Schedule is { } s
                ? $"{ParamValue.FormatNumber(term.Weight)} x {Call(s.Name, s.Arguments)} (by training progress)"
                : ParamValue.FormatNumber(term.Weight);

        private static string Call(string name, EquatableArray<BoundArgument> arguments)
        {
            var given = arguments.Where(a => !a.IsDefault).Select(a => $"{a.Name} = {a.Value}").ToList();
            return given.Count == 0 ? name : $"{name}({string.Join(", ", given)})";
        }

        private static void WriteArguments(TextWriter w, string label, string prefix, EquatableArray<BoundArgument> arguments, EquatableArray<ParamSpec>? specs)
        {
            if (arguments.Count == 0)
            {
                w.WriteLine($"      {label,-9} (none)");
                return;
            }
            for (int i = 0; i < arguments.Count; i++)
            {
                var argument = arguments[i];
                var spec = specs?.FirstOrDefault(p => p.Name == argument.Name);
                string value = $"{prefix}{argument.Name} = {argument.Value}";
                string range = spec is null ? "" : Range(spec, specs!.Value);
                string notes = string.Join("; ", new[] { argument.IsDefault ? "default" : "", range }.Where(n => n.Length > 0));
                string head = i == 0 ? label : "";
                w.WriteLine(notes.Length == 0 ? $"      {head,-9} {value}" : $"      {head,-9} {value,-24} ({notes})");
            }
        }

        /// <summary>The valid values of a parameter: <c>&gt; 0</c>, <c>[0, 1)</c>, <c>mean | sum</c>, <c>one of epochs | steps</c>.</summary>
        public static string Range(ParamSpec p, EquatableArray<ParamSpec> siblings)
        {
            if (p.Kind == ParamKind.Enum) return string.Join(" | ", p.EnumValues);
            string group = p.Group is null ? "" : "one of " + string.Join(" | ", siblings.Where(s => s.Group == p.Group).Select(s => s.Name));
            string bounds = (p.Min, p.Max) switch
            {
                ({ } lo, { } hi) => $"{(p.MinInclusive ? "[" : "(")}{ParamValue.FormatNumber(lo)}, {ParamValue.FormatNumber(hi)}{(p.MaxInclusive ? "]" : ")")}",
                ({ } lo, null) => $"{(p.MinInclusive ? ">=" : ">")} {ParamValue.FormatNumber(lo)}",
                (null, { } hi) => $"{(p.MaxInclusive ? "<=" : "<")} {ParamValue.FormatNumber(hi)}",
                _ => "",
            };
            if (p.Kind == ParamKind.Integer) bounds = bounds.Length == 0 ? "integer" : $"integer {bounds}";
            return string.Join("; ", new[] { bounds, group }.Where(s => s.Length > 0));
        }

        private static string Input(BoundInput input) => input.Kind == InputKind.ClassIndices ? $"{input.Name} (int64 class indices)" : input.Name;
    }
}
