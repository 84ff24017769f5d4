using Distill.Dsl;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;

namespace Distill.Generators
{
    /// <summary>
    /// A recipe after the front end: where its class goes, the bound recipe (with errors: only the
    /// terms that bound, or null), <see cref="Errors"/> (null when it compiled: else the first error
    /// as the build prints it, for the stand-in class) and its diagnostics mapped to the file.
    /// </summary>
    internal sealed record CompiledRecipe(
        RecipeFile File,
        string Namespace,
        string ClassName,
        TermCatalogue Catalogue,
        BoundRecipe? Recipe,
        string? Errors,
        EquatableArray<DiagnosticInfo> Diagnostics);
}
