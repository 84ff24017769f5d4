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
                ParamValueKind.Number when type == typeof(int) && IsIntegral(value.Number, int.MinValue, int.MaxValue) => (int)value.Number,
                ParamValueKind.Number when type == typeof(long) && IsIntegral(value.Number, long.MinValue, long.MaxValue) => (long)value.Number,
                ParamValueKind.Bool when type == typeof(bool) => value.Bool,
                ParamValueKind.Identifier when type == typeof(string) => value.Identifier,
                ParamValueKind.Identifier when type.IsEnum => EnumMember(type, value.Identifier),
                _ => null,
            };
            return result ?? throw new InvalidOperationException(
                $"{owner}: value '{value}' of parameter '{argument.Name}' does not fit its property type {propertyType.Name}.");
        }

        private static bool IsIntegral(double number, double min, double max) =>
            Math.Floor(number) == number && number >= min && number <= max;

        private static object? EnumMember(Type enumType, string snake) =>
            enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => string.Equals(InputNames.Snake(f.Name), snake, StringComparison.Ordinal))
                .Select(f => f.GetValue(null))
                .FirstOrDefault();
    }
}
