using System.Collections.Generic;

namespace Distill.Dsl.Catalogue
{
    /// <summary>
    /// The <c>gather</c> parameter of a batch-relational term. A term declares itself relational in its
    /// <c>[DistillTerm(Gather = …)]</c> attribute (Distill.Runtime's <c>GatherMode</c>: None = row-wise,
    /// Global, Local = the default); both catalogue readers then append this parameter after the
    /// term's own, so the binder checks <c>sp(gather = local)</c> like any enum argument and
    /// <c>distill explain</c> lists it. Row-wise terms have no such parameter.
    /// </summary>
    public static class GatherParameter
    {
        public const string Name = "gather";
        public const string ClrName = "Gather";
        public const string ClrTypeName = "Distill.Runtime.GatherMode";

        /// <summary>The recipe values, in the order of the enum members after None.</summary>
        public static readonly EquatableArray<string> Values = new[] { "global", "local" }.ToEquatableArray();

        /// <summary>
        /// The default named by the attribute's <c>GatherMode</c> value (its underlying integer:
        /// 0 None, 1 Global, 2 Local); null for None (a row-wise term) or a value out of range.
        /// </summary>
        public static string? DefaultOf(int gatherMode) =>
            gatherMode >= 1 && gatherMode <= Values.Count ? Values[gatherMode - 1] : null;

        /// <summary>The parameter with <paramref name="defaultValue"/> ("global" or "local").</summary>
        public static ParamSpec Spec(string defaultValue) => new ParamSpec(
            Name, ClrName, ClrTypeName, ParamKind.Enum, ParamValue.OfIdentifier(defaultValue),
            null, true, null, true, Values, null,
            "Which rows the term relates under data-parallel training: global = every rank's rows, all-gathered "
            + "(the loss of the whole batch); local = this rank's rows only (the mean of the ranks' losses).");

        /// <summary>
        /// <paramref name="parameters"/> plus the gather parameter when <paramref name="gatherMode"/> declares
        /// the term relational; null (a clash) when the term already has a parameter named <c>gather</c>.
        /// </summary>
        public static List<ParamSpec>? Append(IEnumerable<ParamSpec> parameters, int gatherMode)
        {
            var result = new List<ParamSpec>(parameters);
            if (DefaultOf(gatherMode) is not { } defaultValue) return result;
            if (result.Exists(p => p.Name == Name || p.ClrName == ClrName)) return null;
            result.Add(Spec(defaultValue));
            return result;
        }
    }
}
