using System.Collections.Generic;
using System.Linq;
using Distill.Dsl;
using Distill.Dsl.Diagnostics;
using Distill.Dsl.Text;

namespace Distill.Runtime
{
    /// <summary>
    /// What <c>Objective.TryLoad</c> / <c>TryParse</c> made of a recipe: the objective (null when there
    /// are errors) and every diagnostic, warnings included.
    /// </summary>
    public sealed record ObjectiveResult(Objective? Objective, string Path, SourceLines Lines, EquatableArray<DistillDiagnostic> Diagnostics)
    {
        public bool HasErrors => Diagnostics.Any(d => d.IsError);

        /// <summary>Every diagnostic in the canonical form <c>path(line,col): error DSTnnnn: message</c>.</summary>
        public IReadOnlyList<string> FormattedDiagnostics => Diagnostics.Select(d => d.Format(Path, Lines)).ToList();

        /// <summary>The objective, or a <see cref="RecipeException"/> carrying the diagnostics.</summary>
        public Objective GetObjectiveOrThrow() =>
            Objective ?? throw new RecipeException(Path, Diagnostics, FormattedDiagnostics);
    }
}
