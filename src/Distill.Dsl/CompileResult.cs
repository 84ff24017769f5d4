using System.Linq;
using Distill.Dsl.Binding;
using Distill.Dsl.Diagnostics;

namespace Distill.Dsl
{
    /// <summary>
    /// What the front end made of a recipe: the bound recipe (null when there are errors) and every
    /// diagnostic, in source order. Never thrown: bad input is data.
    /// </summary>
    public sealed record CompileResult(BoundRecipe? Recipe, EquatableArray<DistillDiagnostic> Diagnostics)
    {
        public bool HasErrors => Diagnostics.Any(d => d.IsError);
    }
}
