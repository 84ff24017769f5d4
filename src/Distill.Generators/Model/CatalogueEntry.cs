using Distill.Dsl;
using Distill.Dsl.Catalogue;

namespace Distill.Generators
{
    /// <summary>
    /// What one attributed type contributes: a term or a schedule (null when malformed), its problems,
    /// and where it is declared (null in metadata), to report a name it shares with another type.
    /// </summary>
    internal sealed record CatalogueEntry(TermSpec? Term, ScheduleSpec? Schedule, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo? Location = null);
}
