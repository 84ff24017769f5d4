using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Distill.Dsl;
using Distill.Dsl.Catalogue;
using Microsoft.CodeAnalysis;

namespace Distill.Generators
{
    /// <summary>
    /// Reads the <c>[TermParameter]</c> properties of a term or schedule type: public instance
    /// properties, base class first, then in declaration order (docs/architecture.md).
    /// </summary>
    internal static class ParameterReader
    {
        private static readonly Regex ParameterName = new Regex("^[A-Za-z_][A-Za-z0-9_]*$");

        public static EquatableArray<ParamSpec> Read(INamedTypeSymbol type, List<DiagnosticInfo> problems)
        {
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType) chain.Insert(0, t);
            var parameters = new List<ParamSpec>();
            foreach (var declaring in chain)
            {
                foreach (var property in declaring.GetMembers().OfType<IPropertySymbol>())
                {
                    if (property.IsStatic || property.DeclaredAccessibility != Accessibility.Public) continue;
                    var attribute = property.GetAttributes().FirstOrDefault(a => SymbolCatalogueReader.Is(a, KnownNames.ParameterAttribute));
                    if (attribute is null) continue;
                    var spec = ReadOne(type, property, attribute, problems);
                    if (spec is null) continue;
                    if (!ParameterName.IsMatch(spec.Name) || parameters.Any(p => p.Name == spec.Name))
                        problems.Add(GeneratorDiagnostics.InvalidName(At(type, property), Display(type), spec.Name));
                    parameters.Add(spec);
                }
            }
            return parameters.ToEquatableArray();
        }

        private static ParamSpec? ReadOne(INamedTypeSymbol type, IPropertySymbol property, AttributeData attribute, List<DiagnosticInfo> problems)
        {
            var at = At(type, property);
            if (property.SetMethod is null || property.SetMethod.DeclaredAccessibility != Accessibility.Public)
                problems.Add(GeneratorDiagnostics.NotSettable(at, Display(type), property.Name));

            var (underlying, nullable) = Unwrap(property.Type);
            var kind = KindOf(underlying);
            if (kind is null || (nullable && kind == ParamKind.Tap))
            {
                problems.Add(GeneratorDiagnostics.UnsupportedParameterType(at, Display(type), property.Name, property.Type.ToDisplayString(SymbolCatalogueReader.ClrFormat)));
                return null;
            }

            var enumValues = EquatableArray<string>.Empty;
            if (kind == ParamKind.Enum)
            {
                var members = EnumMembers(underlying).ToList();
                foreach (var member in members.Where(m => InputNames.Pascal(InputNames.Snake(m.Name)) != m.Name || m.Name.Contains("_")))
                    problems.Add(GeneratorDiagnostics.EnumMemberNotPascal(at, Display(type), property.Name, member.Name));
                enumValues = members.Select(m => InputNames.Snake(m.Name)).ToEquatableArray();
            }

            string name = SymbolCatalogueReader.NamedString(attribute, "Name");
            string group = SymbolCatalogueReader.NamedString(attribute, "Group");
            double min = SymbolCatalogueReader.Named(attribute, "Min")?.Value is double mn ? mn : double.NaN;
            double max = SymbolCatalogueReader.Named(attribute, "Max")?.Value is double mx ? mx : double.NaN;
            bool minExclusive = SymbolCatalogueReader.Named(attribute, "MinExclusive")?.Value is true;
            bool maxExclusive = SymbolCatalogueReader.Named(attribute, "MaxExclusive")?.Value is true;
            var defaultValue = ReadDefault(SymbolCatalogueReader.Named(attribute, "Default"), kind.Value, underlying, out bool defaultFits);
            if (!defaultFits)
                problems.Add(GeneratorDiagnostics.BadDefault(at, Display(type), property.Name, kind.Value.ToString()));

            return new ParamSpec(
                name.Length == 0 ? property.Name : name,
                property.Name,
                underlying.ToDisplayString(SymbolCatalogueReader.ClrFormat) + (nullable ? "?" : ""),
                kind.Value,
                defaultValue,
                double.IsNaN(min) ? null : min,
                !minExclusive,
                double.IsNaN(max) ? null : max,
                !maxExclusive,
                enumValues,
                group.Length == 0 ? null : group,
                SymbolCatalogueReader.NamedString(attribute, "Description"));
        }

        private static (ITypeSymbol Type, bool Nullable) Unwrap(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                ? (nullable.TypeArguments[0], true)
                : (type, false);

        private static ParamKind? KindOf(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Enum) return ParamKind.Enum;
            switch (type.SpecialType)
            {
                case SpecialType.System_Double: return ParamKind.Number;
                case SpecialType.System_Int32:
                case SpecialType.System_Int64: return ParamKind.Integer;
                case SpecialType.System_Boolean: return ParamKind.Bool;
                case SpecialType.System_String: return ParamKind.Tap;
                default: return null;
            }
        }

        private static IEnumerable<IFieldSymbol> EnumMembers(ITypeSymbol enumType) =>
            enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst);

        /// <summary>The attribute's Default as a <see cref="ParamValue"/>: numbers as double, enum values by snake_case name, strings as identifiers.</summary>
        private static ParamValue? ReadDefault(TypedConstant? constant, ParamKind kind, ITypeSymbol type, out bool fits)
        {
            fits = true;
            if (constant is null || constant.Value.IsNull) return null;
            var c = constant.Value;
            if (c.Kind == TypedConstantKind.Enum)
            {
                var member = c.Type is null ? null : EnumMembers(c.Type).FirstOrDefault(f => Equals(f.ConstantValue, c.Value));
                fits = kind == ParamKind.Enum && member is not null && SymbolEqualityComparer.Default.Equals(c.Type, type);
                return member is null ? null : ParamValue.OfIdentifier(InputNames.Snake(member.Name));
            }
            switch (c.Value)
            {
                case string s:
                    fits = kind == ParamKind.Tap || kind == ParamKind.Enum;
                    return ParamValue.OfIdentifier(s);
                case bool b:
                    fits = kind == ParamKind.Bool;
                    return ParamValue.Of(b);
                case char:
                    fits = false;
                    return null;
                case IConvertible number:
                    fits = kind == ParamKind.Number || kind == ParamKind.Integer;
                    return ParamValue.Of(number.ToDouble(CultureInfo.InvariantCulture));
                default:
                    fits = false;
                    return null;
            }
        }

        private static LocationInfo? At(INamedTypeSymbol type, IPropertySymbol property) =>
            SymbolCatalogueReader.LocationOf(property) ?? SymbolCatalogueReader.LocationOf(type);

        private static string Display(INamedTypeSymbol type) => type.ToDisplayString(SymbolCatalogueReader.ClrFormat);
    }
}
