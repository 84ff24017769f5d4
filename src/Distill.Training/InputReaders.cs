using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Distill.Dsl.Catalogue;
using Distill.Runtime;

namespace Distill.Training
{
    /// <summary>Which terms of an objective read each input, from their <see cref="TermInputAttribute"/>s (for error messages).</summary>
    internal static class InputReaders
    {
        public static Func<string, string> Of(ObjectiveBase objective)
        {
            var readers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var term in objective.Terms)
                foreach (var input in InputsOf(term.Term))
                {
                    if (!readers.TryGetValue(input, out var list)) readers[input] = list = [];
                    if (!list.Contains(term.Name)) list.Add(term.Name);
                }
            return input => readers.TryGetValue(input, out var names) ? string.Join(", ", names) : "recipe";
        }

        private static IEnumerable<string> InputsOf(LossTerm term)
        {
            var type = term.GetType();
            foreach (var input in type.GetCustomAttributes<TermInputAttribute>(inherit: false))
            {
                string tap = input.Tap;
                if (input.TapParameter is { } parameter && TapProperty(type, parameter)?.GetValue(term) is string value) tap = value;
                yield return InputNames.Of(input.Role, tap);
            }
        }

        private static PropertyInfo? TapProperty(Type type, string parameter) =>
            type.GetProperties().FirstOrDefault(p =>
                p.GetCustomAttribute<TermParameterAttribute>()?.Name == parameter || p.Name == InputNames.Pascal(parameter));
    }
}
