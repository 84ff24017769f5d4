using System;
using System.Linq;
using System.Reflection;
using Distill.Dsl;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;

namespace Distill.Runtime
{
    /// <summary>Sets a term's or schedule's [TermParameter] properties from bound arguments (the loaded twin of the generator's object initialisers).</summary>
    internal static class ArgumentSetter
    {
        public static void Apply(object target, EquatableArray<BoundArgument> arguments, string owner)
        {
            foreach (var argument in arguments)
            {
                var property = target.GetType().GetProperty(argument.ClrName, BindingFlags.Public | BindingFlags.Instance)
                    ?? throw new InvalidOperationException($"{owner}: the type {target.GetType().Name} has no property '{argument.ClrName}' for parameter '{argument.Name}'.");
                property.SetValue(target, Convert(argument, property.PropertyType, owner));
            }
        }

        private static object Convert(BoundArgument argument, Type propertyType, string owner)
        {
            var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
            var value = argument.Value;
            object? result = value.Kind switch
            {
                ParamValueKind.Number when type == typeof(double) => value.Number,
                ParamValueKind.Number when type == typeof(int) && IsIntegral(value.Number, int.MinValue, 2147483648.0) => (int)value.Number,
                ParamValueKind.Number when type == typeof(long) && IsIntegral(value.Number, long.MinValue, 9223372036854775808.0) => (long)value.Number,
                ParamValueKind.Bool when type == typeof(bool) => value.Bool,
                ParamValueKind.Identifier when type == typeof(string) => value.Identifier,
                ParamValueKind.Identifier when type.IsEnum => EnumMember(type, value.Identifier),
                _ => null,
            };
            return result ?? throw new InvalidOperationException(
                $"{owner}: value '{value}' of parameter '{argument.Name}' does not fit its property type {propertyType.Name}.");
        }

        /// <summary>Whether <paramref name="number"/> is an integer in [<paramref name="min"/>, <paramref name="end"/>) (end exclusive: (double)long.MaxValue is 2⁶³, one past it).</summary>
        private static bool IsIntegral(double number, double min, double end) =>
            Math.Floor(number) == number && number >= min && number < end;

        private static object? EnumMember(Type enumType, string snake) =>
            enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => string.Equals(InputNames.Snake(f.Name), snake, StringComparison.Ordinal))
                .Select(f => f.GetValue(null))
                .FirstOrDefault();
    }
}
