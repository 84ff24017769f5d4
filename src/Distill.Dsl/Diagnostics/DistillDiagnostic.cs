using Distill.Dsl.Text;

namespace Distill.Dsl.Diagnostics
{
    /// <summary>One problem in a recipe: a stable id, a severity, a message that names the fix, and where.</summary>
    public sealed record DistillDiagnostic(string Id, DiagnosticSeverity Severity, string Message, TextSpan Span)
    {
        public bool IsError => Severity == DiagnosticSeverity.Error;

        /// <summary>The canonical form: <c>path(line,col): error DST0102: message</c> (1-based line and column).</summary>
        public string Format(string path, SourceLines lines)
        {
            var pos = lines.GetPosition(Span.Start);
            string severity = Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "info",
            };
            return $"{path}({pos.Line + 1},{pos.Character + 1}): {severity} {Id}: {Message}";
        }
    }
}
