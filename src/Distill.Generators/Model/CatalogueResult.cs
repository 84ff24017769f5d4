using Distill.Dsl;
using Distill.Dsl.Catalogue;

namespace Distill.Generators
{
    /// <summary>The normalised catalogue of the compilation and the problems found while reading it.</summary>
    internal sealed record CatalogueResult(TermCatalogue Catalogue, EquatableArray<DiagnosticInfo> Diagnostics);
}
