using System;
using System.Collections.Generic;
using System.Linq;

namespace Distill.Dsl.Catalogue
{
    /// <summary>
    /// Everything the binder may refer to. Built from attributes on term and schedule types, by
    /// reflection at run time and from Roslyn symbols in the generator; both give equal catalogues.
    /// </summary>
    public sealed record TermCatalogue(EquatableArray<TermSpec> Terms, EquatableArray<ScheduleSpec> Schedules)
    {
        /// <summary>
        /// The feature taps the project's models expose (<c>[assembly: DistillTaps(...)]</c>), sorted.
        /// Empty means undeclared: then any tap name is accepted; otherwise a tap argument outside
        /// this set is DST0207.
        /// </summary>
        public EquatableArray<string> Taps { get; init; } = EquatableArray<string>.Empty;

        /// <summary>The same catalogue with <paramref name="taps"/> added to its declared taps.</summary>
        public TermCatalogue WithTaps(IEnumerable<string> taps) => this with
        {
            Taps = Taps.Concat(taps).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToEquatableArray(),
        };

        public static TermCatalogue Empty { get; } = new TermCatalogue(EquatableArray<TermSpec>.Empty, EquatableArray<ScheduleSpec>.Empty);

        public TermSpec? FindTerm(string name) => Terms.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
        public ScheduleSpec? FindSchedule(string name) => Schedules.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

        /// <summary>A catalogue with the entries sorted by name, so equal content gives equal catalogues.</summary>
        public TermCatalogue Normalize() => new TermCatalogue(
            Terms.OrderBy(t => t.Name, StringComparer.Ordinal).ToEquatableArray(),
            Schedules.OrderBy(s => s.Name, StringComparer.Ordinal).ToEquatableArray()) { Taps = Taps };
    }
}
