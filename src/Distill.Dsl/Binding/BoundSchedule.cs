using Distill.Dsl.Text;

namespace Distill.Dsl.Binding
{
    /// <summary>The schedule factor of a term's weight, with every argument (defaults filled in).</summary>
    public sealed record BoundSchedule(string Name, string ClrType, EquatableArray<BoundArgument> Arguments, TextSpan Span);
}
