using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Distill.Dsl;
using Distill.Dsl.Catalogue;

namespace Distill.Runtime
{
    /// <summary>
    /// Turns [DistillTerm] / [DistillSchedule] types into catalogue entries by reflection, following
    /// docs/architecture.md exactly. A type that breaks a rule yields a problem instead of an entry.
    /// </summary>
    internal static class CatalogueReader
    {
        private static readonly Regex DslName = new(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$");

        /// <summary>The full name with '.' for nesting and no "global::", as the generator writes it.</summary>
        public static string ClrName(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

        public static IEnumerable<Type> TypesOf(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                return e.Types.Where(t => t is not null).Select(t => t!);
            }
        }

        public static TermSpec? ReadTerm(Type type, DistillTermAttribute attribute, List<string> problems)
        {
            int before = problems.Count;
            CheckShape(type, typeof(LossTerm), attribute.Name, problems);
            var parameters = GatherParameter.Append(ParameterReader.Read(type, problems), (int)attribute.Gather);
            if (parameters is null)
            {
                problems.Add($"{ClrName(type)}: a relational term (Gather = {attribute.Gather}) gets the '{GatherParameter.Name}' parameter; it must not declare one itself.");
                return null;
            }
            var inputs = type.GetCustomAttributes<TermInputAttribute>(inherit: false)
                .Select(a => new InputSpec(a.Role, a.Tap, a.TapParameter, a.ClassIndices ? InputKind.ClassIndices : InputKind.Float, a.Description))
                .ToList();
            foreach (var input in inputs.Where(i => i.TapParameter is not null))
                if (!parameters.Any(p => p.Kind == ParamKind.Tap && string.Equals(p.Name, input.TapParameter, StringComparison.Ordinal)))
                    problems.Add($"{ClrName(type)}: [TermInput] tap parameter '{input.TapParameter}' is not a string [TermParameter] of this term.");
            if (problems.Count > before) return null;
            return new TermSpec(attribute.Name, ClrName(type), attribute.Description, attribute.Paper,
                parameters.ToEquatableArray(), inputs.ToEquatableArray());
        }

        public static ScheduleSpec? ReadSchedule(Type type, DistillScheduleAttribute attribute, List<string> problems)
        {
            int before = problems.Count;
            CheckShape(type, typeof(Schedule), attribute.Name, problems);
            var parameters = ParameterReader.Read(type, problems);
            if (problems.Count > before) return null;
            return new ScheduleSpec(attribute.Name, ClrName(type), attribute.Description, parameters.ToEquatableArray());
        }

        private static void CheckShape(Type type, Type baseType, string name, List<string> problems)
        {
            if (!baseType.IsAssignableFrom(type))
                problems.Add($"{ClrName(type)}: must derive from {baseType.Name}.");
            else if (type.IsAbstract || type.ContainsGenericParameters || !IsVisible(type))
                problems.Add($"{ClrName(type)}: must be a concrete, non-generic, public or internal class (nested ones too).");
            else if (type.GetConstructor(Type.EmptyTypes) is null)
                problems.Add($"{ClrName(type)}: needs a public parameterless constructor.");
            if (!DslName.IsMatch(name))
                problems.Add($"{ClrName(type)}: '{name}' is not a valid DSL name (identifiers joined by '.').");
        }

        /// <summary>Reachable from generated code: public or internal, and so is every containing type.</summary>
        private static bool IsVisible(Type type)
        {
            for (Type? t = type; t is not null; t = t.DeclaringType)
                if (!(t.IsPublic || t.IsNotPublic && !t.IsNested || t.IsNestedPublic || t.IsNestedAssembly)) return false;
            return true;
        }
    }
}
