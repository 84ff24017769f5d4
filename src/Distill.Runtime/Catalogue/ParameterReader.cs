using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Distill.Dsl;
using Distill.Dsl.Catalogue;

namespace Distill.Runtime
{
    /// <summary>
    /// Reads the [TermParameter] properties of a term or schedule type into <see cref="ParamSpec"/>s,
    /// following the rules pinned in docs/architecture.md (the generator's Roslyn reader follows the same).
    /// </summary>
    internal static class ParameterReader
    {
        private static readonly Regex ParameterName = new("^[A-Za-z_][A-Za-z0-9_]*$");

        public static List<ParamSpec> Read(Type type, List<string> problems)
        {
            var result = new List<ParamSpec>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var declaring in BaseFirst(type))
            {
                var properties = declaring
                    .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .OrderBy(p => p.MetadataToken);
                foreach (var property in properties)
                {
                    var attribute = property.GetCustomAttribute<TermParameterAttribute>(inherit: false);
                    if (attribute is null || !seen.Add(property.Name)) continue;
                    var spec = ReadOne(type, property, attribute, problems);
                    if (spec is null) continue;
                    if (!ParameterName.IsMatch(spec.Name) || result.Any(p => p.Name == spec.Name))
                        problems.Add($"{CatalogueReader.ClrName(type)}.{property.Name}: parameter name '{spec.Name}' is not a valid identifier or is used twice.");
                    result.Add(spec);
                }
            }
            return result;
        }

        private static IEnumerable<Type> BaseFirst(Type type)
        {
            var chain = new Stack<Type>();
            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType) chain.Push(t);
            return chain;
        }

        private static ParamSpec? ReadOne(Type owner, PropertyInfo property, TermParameterAttribute attribute, List<string> problems)
        {
            string where = $"{CatalogueReader.ClrName(owner)}.{property.Name}";
            var nullableOf = Nullable.GetUnderlyingType(property.PropertyType);
            var core = nullableOf ?? property.PropertyType;
            if (!TryKind(core, out var kind, out var typeName))
            {
                problems.Add($"{where}: parameter type '{property.PropertyType.Name}' is not supported; use double, int, long, bool, string or an enum.");
                return null;
            }
            if (property.SetMethod is not { IsPublic: true })
            {
                problems.Add($"{where}: a parameter needs a public setter (or init).");
                return null;
            }
            var enumValues = kind == ParamKind.Enum ? EnumValues(core, where, problems) : new List<string>();
            if (enumValues is null) return null;
            if (!TryDefault(attribute.Default, kind, core, out var defaultValue))
            {
                problems.Add($"{where}: default '{attribute.Default}' does not fit a {kind} parameter.");
                return null;
            }
            return new ParamSpec(
                Name: string.IsNullOrEmpty(attribute.Name) ? property.Name : attribute.Name,
                ClrName: property.Name,
                ClrTypeName: nullableOf is null ? typeName : typeName + "?",
                Kind: kind,
                Default: defaultValue,
                Min: double.IsNaN(attribute.Min) ? null : attribute.Min,
                MinInclusive: !attribute.MinExclusive,
                Max: double.IsNaN(attribute.Max) ? null : attribute.Max,
                MaxInclusive: !attribute.MaxExclusive,
                EnumValues: enumValues.ToEquatableArray(),
                Group: string.IsNullOrEmpty(attribute.Group) ? null : attribute.Group,
                Description: attribute.Description);
        }

        private static bool TryKind(Type type, out ParamKind kind, out string typeName)
        {
            (kind, typeName) = type switch
            {
                _ when type == typeof(double) => (ParamKind.Number, "double"),
                _ when type == typeof(int) => (ParamKind.Integer, "int"),
                _ when type == typeof(long) => (ParamKind.Integer, "long"),
                _ when type == typeof(bool) => (ParamKind.Bool, "bool"),
                _ when type == typeof(string) => (ParamKind.Tap, "string"),
                _ when type.IsEnum => (ParamKind.Enum, CatalogueReader.ClrName(type)),
                _ => ((ParamKind)(-1), ""),
            };
            return typeName.Length > 0;
        }

        /// <summary>The members in declaration order, in snake_case; null (with a problem) when one is not PascalCase.</summary>
        private static List<string>? EnumValues(Type enumType, string where, List<string> problems)
        {
            var names = enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
                .OrderBy(f => f.MetadataToken)
                .Select(f => f.Name)
                .ToList();
            var bad = names.Where(n => !IsPascalCase(n)).ToList();
            if (bad.Count == 0) return names.Select(InputNames.Snake).ToList();
            problems.Add($"{where}: enum member(s) {string.Join(", ", bad)} of {enumType.Name} must be PascalCase (no underscores, starting upper-case).");
            return null;
        }

        /// <summary>PascalCase as both readers define it: snake_case round-trips to the same name, and no underscores.</summary>
        internal static bool IsPascalCase(string name) =>
            InputNames.Pascal(InputNames.Snake(name)) == name && !name.Contains('_');

        /// <summary>Numbers as double, enum values by snake_case name, strings as identifiers; false when the value does not fit the kind.</summary>
        private static bool TryDefault(object? value, ParamKind kind, Type type, out ParamValue? result)
        {
            result = value switch
            {
                null => null,
                Enum e when kind == ParamKind.Enum && e.GetType() == type && Enum.GetName(type, e) is { } member => ParamValue.OfIdentifier(InputNames.Snake(member)),
                string s when kind is ParamKind.Tap or ParamKind.Enum => ParamValue.OfIdentifier(s),
                bool b when kind == ParamKind.Bool => ParamValue.Of(b),
                double or float or int or long or short or byte or sbyte or uint or ulong or ushort or decimal
                    when kind is ParamKind.Number or ParamKind.Integer => ParamValue.Of(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
                _ => null,
            };
            return value is null || result is not null;
        }
    }
}
