namespace Distill.Dsl.Diagnostics
{
    public enum DiagnosticSeverity
    {
        Error,
        Warning,
        Info,
    }
}
