using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Diagnostics;
using Distill.Dsl.Text;

namespace Distill.Dsl.Overrides
{
    /// <summary>A diagnostic and where its span is: in override <see cref="Override"/>'s text, or (null) in the recipe's own text.</summary>
    public sealed record PlacedDiagnostic(DistillDiagnostic Diagnostic, int? Override);

    /// <summary>
    /// A recipe with its overrides applied: the effective text (null when there are errors), what it was made from,
    /// and every diagnostic, placed in the recipe or in the override it came from.
    /// </summary>
    public sealed record OverrideResult(string? Text, string Original, IReadOnlyList<string> Overrides, EquatableArray<PlacedDiagnostic> Diagnostics)
    {
        /// <summary>The compilation of the effective text (null when an override itself was bad).</summary>
        public CompileResult? Compiled { get; init; }

        public bool HasErrors => Text is null || Diagnostics.Any(d => d.Diagnostic.IsError);

        /// <summary>
        /// Every diagnostic in the canonical form: <c>path(line,col): …</c> for the recipe's text and
        /// <c>--set 'kd.T=x'(1,col): …</c> for an override's.
        /// </summary>
        public IEnumerable<string> Format(string path)
        {
            var lines = new SourceLines(Original);
            foreach (var d in Diagnostics)
                yield return d.Override is int i
                    ? d.Diagnostic.Format($"--set '{Overrides[i]}'", new SourceLines(Overrides[i]))
                    : d.Diagnostic.Format(path, lines);
        }
    }
}
