using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Distill.Dsl;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Distill.Generators
{
    public sealed partial class DistillGenerator
    {
        private static void ReportDiagnostics(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        /// <summary>
        /// The recipes' diagnostics, each reported once: a file listed twice in AdditionalFiles (the package's
        /// <c>**/*.distill</c> glob plus the user's own line) is two additional texts and compiles twice. The
        /// compilation and emission stay per recipe and cached; only this reporting step sees them all.
        /// </summary>
        private static void ReportDistinctDiagnostics(SourceProductionContext context, ImmutableArray<EquatableArray<DiagnosticInfo>> perRecipe)
        {
            var reported = new HashSet<DiagnosticInfo>();
            foreach (var diagnostics in perRecipe)
                foreach (var diagnostic in diagnostics)
                    if (reported.Add(diagnostic))
                        context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        /// <summary>Adds one file per class, ordered by recipe path; a file listed twice counts once, and a second recipe mapping to the same class is reported instead.</summary>
        private static void AddSources(SourceProductionContext context, ImmutableArray<GeneratedSource?> sources)
        {
            var added = new Dictionary<string, GeneratedSource>(StringComparer.OrdinalIgnoreCase);
            foreach (var source in sources.OfType<GeneratedSource>().OrderBy(s => s.RecipePath, StringComparer.Ordinal))
            {
                if (added.TryGetValue(source.FullName, out var first))
                {
                    if (first.RecipePath == source.RecipePath) continue;
                    context.ReportDiagnostic(GeneratorDiagnostics.DuplicateClass(source.RecipePath, source.FullName, first.RecipePath).ToDiagnostic());
                    continue;
                }
                added.Add(source.FullName, source);
                context.AddSource(source.FullName + ".g.cs", SourceText.From(source.Code, Encoding.UTF8));
            }
        }
    }
}
