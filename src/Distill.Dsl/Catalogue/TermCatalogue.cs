using System;
using System.Linq;

namespace Distill.Dsl.Catalogue
{
    /// <summary>
    /// Everything the binder may refer to. Built from attributes on term and schedule types, by
    /// reflection at run time and from Roslyn symbols in the generator; both give equal catalogues.
    /// </summary>
    public sealed record TermCatalogue(EquatableArray<TermSpec> Terms, EquatableArray<ScheduleSpec> Schedules)
    {
        public static TermCatalogue Empty { get; } = new TermCatalogue(EquatableArray<TermSpec>.Empty, EquatableArray<ScheduleSpec>.Empty);

        public TermSpec? FindTerm(string name) => Terms.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
        public ScheduleSpec? FindSchedule(string name) => Schedules.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

        /// <summary>A catalogue with the entries sorted by name, so equal content gives equal catalogues.</summary>
        public TermCatalogue Normalize() => new TermCatalogue(
            Terms.OrderBy(t => t.Name, StringComparer.Ordinal).ToEquatableArray(),
            Schedules.OrderBy(s => s.Name, StringComparer.Ordinal).ToEquatableArray());
    }
}
