using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Distill.Dsl;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Overrides;
using Distill.Runtime;

namespace Distill.Cli
{
    /// <summary>The <c>--set TARGET=VALUE</c> option of train, explain and sweep, and the effective recipe it makes (see <see cref="RecipeOverrides"/>).</summary>
    internal static class Overrides
    {
        public static Option<string[]> Option() => new("--set")
        {
            Description = "Override a recipe value, checked like recipe text: a let (w=0.5), a term's argument (kd.T=2) or a term's weight (rkd.angle.weight=25); repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };

        /// <summary>
        /// The recipe text with <paramref name="sets"/> applied; when an override or the result has errors, throws
        /// a <see cref="RecipeException"/> whose lines point into the recipe file or into the override text.
        /// </summary>
        public static string Apply(string text, string path, IReadOnlyList<string> sets, TermCatalogue catalogue)
        {
            if (sets.Count == 0) return text;
            var result = RecipeOverrides.Apply(text, sets, catalogue);
            if (!result.HasErrors) return result.Text!;
            var formatted = result.Format(path).ToList();
            throw new RecipeException(path, result.Diagnostics.Select(d => d.Diagnostic).ToEquatableArray(), formatted);
        }
    }
}
