using System;
using Distill.Dsl.Text;
using Microsoft.CodeAnalysis;

namespace Distill.Generators
{
    /// <summary>
    /// The generator's own diagnostics (DST9xxx; the language's are DST0xxx–DST8xxx and pass
    /// through verbatim). Each message names the fix.
    /// </summary>
    internal static class GeneratorDiagnostics
    {
        public const string Category = "Distill";

        public static DiagnosticInfo Internal(string? path, Exception exception) => Error("DST9001", "Distill generator failed",
            $"the Distill generator failed ({exception.GetType().Name}: {exception.Message}); please report it with the recipe or term type",
            path is null ? null : new LocationInfo(path, default, default));

        public static DiagnosticInfo DuplicateClass(string path, string fullName, string otherPath) => Error("DST9002", "Two recipes generate the same class",
            $"this recipe generates '{fullName}', as does '{otherPath}'; rename one of the files",
            new LocationInfo(path, default, default));

        public static DiagnosticInfo NotDerived(LocationInfo? at, string type, string attribute, string baseType) => Error("DST9101", "Catalogue type has the wrong base class",
            $"'{type}' carries [{attribute}] but does not derive from {baseType}; derive from it or remove the attribute", at);

        public static DiagnosticInfo NotConstructible(LocationInfo? at, string type) => Error("DST9102", "Catalogue type cannot be created",
            $"'{type}' must be a public (or internal), non-abstract, non-generic class with a public parameterless constructor so that objectives can create it", at);

        public static DiagnosticInfo UnsupportedParameterType(LocationInfo? at, string type, string property, string propertyType) => Error("DST9103", "Unsupported parameter type",
            $"parameter '{property}' of '{type}' has type '{propertyType}'; use double, int, long, bool, string (a tap) or an enum (nullable allowed)", at);

        public static DiagnosticInfo NotSettable(LocationInfo? at, string type, string property) => Error("DST9104", "Parameter is not settable",
            $"parameter '{property}' of '{type}' needs a public setter or init accessor so that recipes can set it", at);

        public static DiagnosticInfo EnumMemberNotPascal(LocationInfo? at, string type, string property, string member) => Error("DST9105", "Enum member is not PascalCase",
            $"enum member '{member}' used by parameter '{property}' of '{type}' must be PascalCase (recipes write it in snake_case); rename it", at);

        public static DiagnosticInfo MissingTapParameter(LocationInfo? at, string type, string tapParameter) => Error("DST9106", "Tap parameter does not exist",
            $"[TermInput] of '{type}' names tap parameter '{tapParameter}', which is not a string [TermParameter] of the type; add it or fix the name", at);

        public static DiagnosticInfo DuplicateName(LocationInfo? at, string kind, string name, string type, string otherType) => Error("DST9107", "Duplicate catalogue name",
            $"{kind} name '{name}' of '{type}' is already used by '{otherType}'; choose another name", at);

        public static DiagnosticInfo InvalidName(LocationInfo? at, string type, string name) => Error("DST9108", "Invalid or duplicate recipe name",
            $"'{name}' on '{type}' is not a valid recipe name or is used twice; use letters, digits and '_' (and '.' between parts of a term name)", at);

        public static DiagnosticInfo BadDefault(LocationInfo? at, string type, string property, string kind) => Error("DST9109", "Default does not fit the parameter",
            $"the Default of parameter '{property}' of '{type}' is not a valid {kind} value; give a value of the property's type", at);

        /// <summary>A language diagnostic, verbatim, at its span in the recipe file.</summary>
        public static DiagnosticInfo FromRecipe(Dsl.Diagnostics.DistillDiagnostic diagnostic, string path, SourceLines lines)
        {
            var start = lines.GetPosition(diagnostic.Span.Start);
            var end = lines.GetPosition(diagnostic.Span.End);
            var location = new LocationInfo(
                path,
                new Microsoft.CodeAnalysis.Text.TextSpan(diagnostic.Span.Start, diagnostic.Span.Length),
                new Microsoft.CodeAnalysis.Text.LinePositionSpan(
                    new Microsoft.CodeAnalysis.Text.LinePosition(start.Line, start.Character),
                    new Microsoft.CodeAnalysis.Text.LinePosition(end.Line, end.Character)));
            var severity = diagnostic.Severity switch
            {
                Dsl.Diagnostics.DiagnosticSeverity.Error => DiagnosticSeverity.Error,
                Dsl.Diagnostics.DiagnosticSeverity.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            };
            string title = System.Linq.Enumerable.FirstOrDefault(Dsl.Diagnostics.DiagnosticDescriptors.All, d => d.Id == diagnostic.Id)?.Title ?? diagnostic.Id;
            return new DiagnosticInfo(diagnostic.Id, title, severity, diagnostic.Message, location);
        }

        private static DiagnosticInfo Error(string id, string title, string message, LocationInfo? at) =>
            new DiagnosticInfo(id, title, DiagnosticSeverity.Error, message, at);
    }
}
