using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Distill.Generators.Tests
{
    /// <summary>One generator run: the driver (to run again incrementally), the compilation with the generated files, and what the generator reported.</summary>
    internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output)
    {
        public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

        public IReadOnlyList<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

        /// <summary>Errors of the consumer's compilation after generation (generated code included).</summary>
        public IReadOnlyList<Diagnostic> CompileErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        public string Source(string hintName) => Result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

        public IReadOnlyList<IncrementalStepRunReason> Reasons(string step) =>
            Result.TrackedSteps.TryGetValue(step, out var runs)
                ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason).ToList()
                : new List<IncrementalStepRunReason>();
    }
}
