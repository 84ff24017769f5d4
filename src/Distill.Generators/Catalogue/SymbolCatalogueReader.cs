using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Distill.Dsl;
using Distill.Dsl.Catalogue;
using Microsoft.CodeAnalysis;

namespace Distill.Generators
{
    /// <summary>
    /// Reads terms and schedules from Roslyn symbols, following the rules pinned in
    /// docs/architecture.md so that the result equals the reflection reader's. The same functions
    /// read built-in types (metadata) and the user's own (source); problems become diagnostics on
    /// the type and the type is left out.
    /// </summary>
    internal static class SymbolCatalogueReader
    {
        public static readonly SymbolDisplayFormat ClrFormat = new SymbolDisplayFormat(
            globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        private static readonly Regex TermName = new Regex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$");

        public static CatalogueEntry ReadTerm(INamedTypeSymbol type, AttributeData attribute)
        {
            var problems = new List<DiagnosticInfo>();
            string clrType = type.ToDisplayString(ClrFormat);
            string name = ConstructorString(attribute, 0);
            CheckShape(type, KnownNames.LossTerm, "DistillTerm", name, problems);
            var declared = ParameterReader.Read(type, problems);
            int gather = Named(attribute, "Gather")?.Value is int g ? g : 0;
            var withGather = GatherParameter.Append(declared, gather);
            if (withGather is null)
                problems.Add(GeneratorDiagnostics.InvalidName(LocationOf(type), clrType, GatherParameter.Name));
            var parameters = withGather is null ? declared : withGather.ToEquatableArray();
            var inputs = ReadInputs(type, parameters, problems);
            if (problems.Count > 0) return new CatalogueEntry(null, null, problems.ToEquatableArray());
            var spec = new TermSpec(name, clrType, NamedString(attribute, "Description"), NamedString(attribute, "Paper"), parameters, inputs);
            return new CatalogueEntry(spec, null, EquatableArray<DiagnosticInfo>.Empty, LocationOf(type));
        }

        public static CatalogueEntry ReadSchedule(INamedTypeSymbol type, AttributeData attribute)
        {
            var problems = new List<DiagnosticInfo>();
            string clrType = type.ToDisplayString(ClrFormat);
            string name = ConstructorString(attribute, 0);
            CheckShape(type, KnownNames.Schedule, "DistillSchedule", name, problems);
            var parameters = ParameterReader.Read(type, problems);
            if (problems.Count > 0) return new CatalogueEntry(null, null, problems.ToEquatableArray());
            var spec = new ScheduleSpec(name, clrType, NamedString(attribute, "Description"), parameters);
            return new CatalogueEntry(null, spec, EquatableArray<DiagnosticInfo>.Empty, LocationOf(type));
        }

        public static LocationInfo? LocationOf(ISymbol symbol) => LocationInfo.From(symbol.Locations.FirstOrDefault(l => l.IsInSource));

        public static bool Is(AttributeData attribute, string metadataName) =>
            attribute.AttributeClass?.ToDisplayString(ClrFormat) == metadataName;

        public static string ConstructorString(AttributeData attribute, int index) =>
            attribute.ConstructorArguments.Length > index && attribute.ConstructorArguments[index].Value is string s ? s : "";

        public static TypedConstant? Named(AttributeData attribute, string name)
        {
            foreach (var pair in attribute.NamedArguments)
                if (pair.Key == name) return pair.Value;
            return null;
        }

        public static string NamedString(AttributeData attribute, string name) => Named(attribute, name)?.Value as string ?? "";

        private static void CheckShape(INamedTypeSymbol type, string baseType, string attribute, string name, List<DiagnosticInfo> problems)
        {
            string display = type.ToDisplayString(ClrFormat);
            var at = LocationOf(type);
            if (!DerivesFrom(type, baseType))
                problems.Add(GeneratorDiagnostics.NotDerived(at, display, attribute, baseType));
            if (!IsConstructible(type))
                problems.Add(GeneratorDiagnostics.NotConstructible(at, display));
            if (!TermName.IsMatch(name))
                problems.Add(GeneratorDiagnostics.InvalidName(at, display, name));
        }

        private static bool DerivesFrom(INamedTypeSymbol type, string baseType)
        {
            for (var t = type.BaseType; t is not null; t = t.BaseType)
                if (t.ToDisplayString(ClrFormat) == baseType) return true;
            return false;
        }

        private static bool IsConstructible(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || type.IsGenericType) return false;
            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                bool visible = t.DeclaredAccessibility == Accessibility.Public
                    || (t.DeclaredAccessibility == Accessibility.Internal && type.Locations.Any(l => l.IsInSource));
                if (!visible) return false;
            }
            return type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public);
        }

        private static EquatableArray<InputSpec> ReadInputs(INamedTypeSymbol type, EquatableArray<ParamSpec> parameters, List<DiagnosticInfo> problems)
        {
            var inputs = new List<InputSpec>();
            foreach (var attribute in type.GetAttributes().Where(a => Is(a, KnownNames.InputAttribute)))
            {
                string? tapParameter = Named(attribute, "TapParameter")?.Value as string;
                bool classIndices = Named(attribute, "ClassIndices")?.Value is true;
                if (tapParameter is not null && !parameters.Any(p => p.Name == tapParameter && p.Kind == ParamKind.Tap))
                    problems.Add(GeneratorDiagnostics.MissingTapParameter(LocationOf(type), type.ToDisplayString(ClrFormat), tapParameter));
                inputs.Add(new InputSpec(
                    ConstructorString(attribute, 0),
                    ConstructorString(attribute, 1),
                    tapParameter,
                    classIndices ? InputKind.ClassIndices : InputKind.Float,
                    NamedString(attribute, "Description")));
            }
            return inputs.ToEquatableArray();
        }
    }
}
