using System.Collections.Generic;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Text;

namespace Distill.Dsl.Binding
{
    /// <summary>What an expression folds to while binding; <see cref="ErrorValue"/> means "already reported".</summary>
    internal abstract record Value(TextSpan Span);

    internal sealed record ConstValue(double Number, TextSpan Span) : Value(Span);

    /// <summary>A weighted sum of terms: what a recipe must fold to.</summary>
    internal sealed record SumValue(IReadOnlyList<WeightedTerm> Terms, TextSpan Span) : Value(Span);

    /// <summary>A schedule times a constant, still waiting for a term to multiply.</summary>
    internal sealed record ScheduleValue(double Weight, BoundSchedule Schedule, TextSpan Span) : Value(Span);

    internal sealed record ErrorValue(TextSpan Span) : Value(Span);

    /// <summary>A term in the sum; <see cref="Valid"/> is false when one of its arguments was rejected (so it is never merged).</summary>
    internal sealed record WeightedTerm(double Weight, BoundSchedule? Schedule, TermSpec Spec, EquatableArray<BoundArgument> Arguments, TextSpan Span, bool Valid);
}
