using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
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
            CheckInstantiable(type, typeof(LossTerm), problems);
            var parameters = ParameterReader.Read(type, problems);
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
            CheckInstantiable(type, typeof(Schedule), problems);
            var parameters = ParameterReader.Read(type, problems);
            if (problems.Count > before) return null;
            return new ScheduleSpec(attribute.Name, ClrName(type), attribute.Description, parameters.ToEquatableArray());
        }

        private static void CheckInstantiable(Type type, Type baseType, List<string> problems)
        {
            if (!baseType.IsAssignableFrom(type))
                problems.Add($"{ClrName(type)}: must derive from {baseType.Name}.");
            else if (type.IsAbstract || type.ContainsGenericParameters)
                problems.Add($"{ClrName(type)}: must be a concrete, non-generic class.");
            else if (type.GetConstructor(Type.EmptyTypes) is null)
                problems.Add($"{ClrName(type)}: needs a public parameterless constructor.");
        }
    }
}
