using System;
using System.Collections.Generic;
using Distill.Dsl;
using Distill.Dsl.Diagnostics;

namespace Distill.Runtime
{
    /// <summary>
    /// A recipe that does not compile. <see cref="Exception.Message"/> lists every diagnostic in the
    /// canonical form <c>path(line,col): error DSTnnnn: message</c>, one a line.
    /// </summary>
    public sealed class RecipeException(string path, EquatableArray<DistillDiagnostic> diagnostics, IReadOnlyList<string> formatted)
        : Exception(string.Join(Environment.NewLine, formatted))
    {
        public string Path { get; } = path;
        public EquatableArray<DistillDiagnostic> Diagnostics { get; } = diagnostics;
        /// <summary>The diagnostics in canonical form, in source order.</summary>
        public IReadOnlyList<string> FormattedDiagnostics { get; } = formatted;
    }
}
