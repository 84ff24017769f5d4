using Distill.Dsl.Text;

namespace Distill.Dsl.Binding
{
    /// <summary>
    /// One weighted term of the normalised sum: weight(progress) = <see cref="Weight"/> ×
    /// <see cref="Schedule"/>(progress) (or the constant alone). <see cref="Arguments"/> holds every
    /// parameter, defaults filled in, in the catalogue's order. <see cref="DisplayName"/> is the
    /// term's name in logs: the DSL name plus its non-default arguments, e.g. <c>kd(T=2)</c>; it is
    /// unique within a recipe.
    /// </summary>
    public sealed record BoundTerm(
        string Name,
        string ClrType,
        string DisplayName,
        EquatableArray<BoundArgument> Arguments,
        double Weight,
        BoundSchedule? Schedule,
        EquatableArray<BoundInput> Inputs,
        TextSpan Span);
}
