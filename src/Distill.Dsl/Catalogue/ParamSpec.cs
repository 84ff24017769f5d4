namespace Distill.Dsl.Catalogue
{
    /// <summary>
    /// One parameter of a term or schedule. <see cref="Default"/> null means the argument is
    /// required, unless the parameter belongs to a <see cref="Group"/>: exactly one parameter of a
    /// group must be given (e.g. <c>warmup(epochs = 5)</c> or <c>warmup(steps = 1000)</c>).
    /// Bounds apply to Number and Integer parameters; null means unbounded. <see cref="ClrTypeName"/>
    /// is the property's type as C# writes it fully qualified without "global::" ("double", "int",
    /// "bool", "string", or an enum such as "Distill.Runtime.Terms.PadReduction"; nullable
    /// properties keep their "?" so "double?"), so the generator can emit the argument.
    /// </summary>
    public sealed record ParamSpec(
        string Name,
        string ClrName,
        string ClrTypeName,
        ParamKind Kind,
        ParamValue? Default,
        double? Min,
        bool MinInclusive,
        double? Max,
        bool MaxInclusive,
        EquatableArray<string> EnumValues,
        string? Group,
        string Description)
    {
        public bool IsRequired => Default is null && Group is null;

        /// <summary>The valid range as users read it: "> 0", ">= 1", "in (0, 1]", or "finite" when unbounded.</summary>
        public string DescribeRange()
        {
            string F(double v) => ParamValue.FormatNumber(v);
            if (Min is double min && Max is double max)
                return $"in {(MinInclusive ? "[" : "(")}{F(min)}, {F(max)}{(MaxInclusive ? "]" : ")")}";
            if (Min is double lo) return (MinInclusive ? ">= " : "> ") + F(lo);
            if (Max is double hi) return (MaxInclusive ? "<= " : "< ") + F(hi);
            return "finite";
        }
    }
}
