using System.Linq;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;

namespace Distill.Generators
{
    /// <summary>Writes a recipe's terms: the factory that builds them as object initialisers, and the same list as metadata.</summary>
    internal static class TermListWriter
    {
        public static string FactoryName(string className) => className + "Terms";

        /// <summary>A file-local factory, so that no helper member can clash with the class's other partial parts; for a recipe with <paramref name="errors"/> it throws them.</summary>
        public static void WriteFactory(SourceWriter w, BoundRecipe recipe, TermCatalogue catalogue, string className, string? errors)
        {
            w.WriteLine($"/// <summary>Builds the weighted terms of <see cref=\"{className}\"/>.</summary>");
            w.OpenBlock($"file static class {FactoryName(className)}");
            if (errors is not null)
            {
                w.WriteLine($"public static global::Distill.Runtime.WeightedTerm[] Create() => throw new global::System.InvalidOperationException({CSharpLiterals.String(errors)});");
                w.CloseBlock();
                return;
            }
            w.OpenBlock("public static global::Distill.Runtime.WeightedTerm[] Create() => new global::Distill.Runtime.WeightedTerm[]");
            foreach (var term in recipe.Terms)
            {
                var spec = catalogue.FindTerm(term.Name);
                string instance = Initialiser(term.ClrType, term.Arguments, spec?.Parameters);
                string schedule = "null";
                if (term.Schedule is { } s)
                    schedule = Initialiser(s.ClrType, s.Arguments, catalogue.FindSchedule(s.Name)?.Parameters);
                w.WriteLine($"new global::Distill.Runtime.WeightedTerm({CSharpLiterals.String(term.DisplayName)}, {instance}, {CSharpLiterals.Double(term.Weight)}, {schedule}),");
            }
            w.CloseBlock(";");
            w.CloseBlock();
        }

        public static void WriteMetadata(SourceWriter w, BoundRecipe recipe)
        {
            w.WriteLine("/// <summary>The weighted terms as data, in recipe order, so that a run can record what it optimised.</summary>");
            w.OpenBlock("public static global::System.Collections.Generic.IReadOnlyList<TermInfo> TermMetadata { get; } = new TermInfo[]");
            foreach (var term in recipe.Terms)
            {
                string? schedule = term.Schedule is { } s ? Call(s.Name, s.Arguments) : null;
                string arguments = string.Join(", ", term.Arguments.Select(a => $"[{CSharpLiterals.String(a.Name)}] = {CSharpLiterals.String(a.Value.ToString())}"));
                w.WriteLine($"new TermInfo({CSharpLiterals.String(term.DisplayName)}, {CSharpLiterals.String(term.Name)}, {CSharpLiterals.Double(term.Weight)}, "
                    + $"{CSharpLiterals.NullableString(schedule)}, new global::System.Collections.Generic.Dictionary<string, string> {{ {arguments} }}),");
            }
            w.CloseBlock(";");
        }

        public static void WriteTermInfo(SourceWriter w)
        {
            w.WriteLine("/// <summary>One weighted term: display name, DSL name, constant weight, schedule (as written in recipes, or null) and every argument.</summary>");
            w.WriteLine("public sealed record TermInfo(string DisplayName, string Name, double Weight, string? Schedule, global::System.Collections.Generic.IReadOnlyDictionary<string, string> Arguments);");
        }

        private static string Initialiser(string clrType, Dsl.EquatableArray<BoundArgument> arguments, Dsl.EquatableArray<ParamSpec>? parameters)
        {
            var assignments = arguments.Select(a =>
            {
                string type = parameters?.FirstOrDefault(p => p.ClrName == a.ClrName)?.ClrTypeName ?? "";
                return $"{a.ClrName} = {CSharpLiterals.Argument(a, type)}";
            }).ToList();
            string type = "new global::" + clrType;
            return assignments.Count == 0 ? type + "()" : type + " { " + string.Join(", ", assignments) + " }";
        }

        private static string Call(string name, Dsl.EquatableArray<BoundArgument> arguments) =>
            arguments.Count == 0 ? name : name + "(" + string.Join(", ", arguments.Select(a => a.Name + "=" + a.Value)) + ")";
    }
}
