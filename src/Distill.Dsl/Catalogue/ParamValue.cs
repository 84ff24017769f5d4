using System;
using System.Globalization;

namespace Distill.Dsl.Catalogue
{
    public enum ParamValueKind
    {
        Number,
        Bool,
        Identifier,
    }

    /// <summary>A constant argument value: a number, a boolean or a bare identifier.</summary>
    public sealed record ParamValue(ParamValueKind Kind, double Number, bool Bool, string Identifier)
    {
        public static ParamValue Of(double number) => new ParamValue(ParamValueKind.Number, number, false, "");
        public static ParamValue Of(bool value) => new ParamValue(ParamValueKind.Bool, 0, value, "");
        public static ParamValue OfIdentifier(string identifier) => new ParamValue(ParamValueKind.Identifier, 0, false, identifier);

        /// <summary>The value as the language writes it (numbers round-trip, invariant culture).</summary>
        public override string ToString() => Kind switch
        {
            ParamValueKind.Number => FormatNumber(Number),
            ParamValueKind.Bool => Bool ? "true" : "false",
            _ => Identifier,
        };

        public static string FormatNumber(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) throw new ArgumentOutOfRangeException(nameof(value), "recipe numbers are finite");
            string r = value.ToString("R", CultureInfo.InvariantCulture);
            return r.Contains("E") ? r.Replace("E", "e") : r;
        }
    }
}
