using System.Globalization;
using System.Text;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;

namespace Distill.Generators
{
    /// <summary>C# literals for recipe values: invariant, round-trip, fully qualified.</summary>
    internal static class CSharpLiterals
    {
        public static string Double(double value) => ParamValue.FormatNumber(value) + "d";

        public static string String(string value)
        {
            var sb = new StringBuilder(value.Length + 2).Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < ' ' || char.IsSurrogate(c) || c == '\u0085' || c == '\u2028' || c == '\u2029')
                            sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }

        public static string NullableString(string? value) => value is null ? "null" : String(value);

        /// <summary>
        /// An argument as the property's C# type (<paramref name="clrType"/>, from the catalogue)
        /// expects it: <c>4d</c>, <c>2</c>, <c>65536L</c>, <c>true</c>, <c>global::E.Member</c>, <c>"layer3"</c>.
        /// </summary>
        public static string Argument(BoundArgument argument, string clrType)
        {
            var value = argument.Value;
            switch (argument.Kind)
            {
                case ParamKind.Number:
                    return Double(value.Number);
                case ParamKind.Integer:
                    string integer = ((long)System.Math.Round(value.Number)).ToString(CultureInfo.InvariantCulture);
                    return clrType.StartsWith("long", System.StringComparison.Ordinal) ? integer + "L" : integer;
                case ParamKind.Bool:
                    return value.Bool ? "true" : "false";
                case ParamKind.Enum:
                    if (clrType.Length == 0)
                        throw new System.ArgumentException($"no C# type for enum argument '{argument.Name}': the catalogue does not match the bound recipe", nameof(clrType));
                    return "global::" + clrType.TrimEnd('?') + "." + InputNames.Pascal(value.Identifier);
                default:
                    return String(value.Kind == ParamValueKind.Identifier ? value.Identifier : value.ToString());
            }
        }
    }
}
