using Distill.Dsl;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;

namespace Distill.Generators
{
    /// <summary>
    /// A recipe after the front end: where its class goes, the bound recipe (null when it has errors)
    /// and its diagnostics mapped to the file.
    /// </summary>
    internal sealed record CompiledRecipe(
        RecipeFile File,
        string Namespace,
        string ClassName,
        TermCatalogue Catalogue,
        BoundRecipe? Recipe,
        EquatableArray<DiagnosticInfo> Diagnostics);
}
