using Microsoft.CodeAnalysis;

namespace Distill.Generators
{
    /// <summary>
    /// A diagnostic as plain, equatable data, so that it can flow through the incremental pipeline
    /// (a <see cref="Diagnostic"/> holds a <see cref="Location"/> and would defeat caching).
    /// </summary>
    internal sealed record DiagnosticInfo(string Id, string Title, DiagnosticSeverity Severity, string Message, LocationInfo? Location)
    {
        public Diagnostic ToDiagnostic()
        {
            var descriptor = new DiagnosticDescriptor(Id, Title, "{0}", GeneratorDiagnostics.Category, Severity, isEnabledByDefault: true,
                helpLinkUri: Dsl.Diagnostics.DiagnosticDescriptors.HelpLink(Id));
            return Diagnostic.Create(descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Message);
        }
    }
}
