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

        /// <summary>
        /// The terms that bound despite errors elsewhere (equal to <see cref="Recipe"/> when there are
        /// none; null when no term bound). Only for tools that show what they can, such as the
        /// generator's stand-in class for a broken recipe; never run it.
        /// </summary>
        public BoundRecipe? Partial { get; init; }
    }
}
