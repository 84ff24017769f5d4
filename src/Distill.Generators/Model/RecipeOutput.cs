using Distill.Dsl;

namespace Distill.Generators
{
    /// <summary>What a recipe produces: its source (null when it has errors) and its diagnostics.</summary>
    internal sealed record RecipeOutput(GeneratedSource? Source, EquatableArray<DiagnosticInfo> Diagnostics);
}
