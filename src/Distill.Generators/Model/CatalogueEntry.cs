using Distill.Dsl;
using Distill.Dsl.Catalogue;

namespace Distill.Generators
{
    /// <summary>What one attributed type contributes: a term or a schedule (null when malformed), and its problems.</summary>
    internal sealed record CatalogueEntry(TermSpec? Term, ScheduleSpec? Schedule, EquatableArray<DiagnosticInfo> Diagnostics);
}
