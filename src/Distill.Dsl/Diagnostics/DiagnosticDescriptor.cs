using System.Globalization;
using Distill.Dsl.Text;

namespace Distill.Dsl.Diagnostics
{
    /// <summary>
    /// The fixed part of a diagnostic: a stable id, a severity, a short title and a message
    /// template (composite format, invariant culture) whose text names the fix.
    /// </summary>
    public sealed record DiagnosticDescriptor(string Id, DiagnosticSeverity Severity, string Title, string MessageFormat)
    {
        public DistillDiagnostic Create(TextSpan span, params object[] args) =>
            new DistillDiagnostic(Id, Severity, string.Format(CultureInfo.InvariantCulture, MessageFormat, args), span);
    }
}
