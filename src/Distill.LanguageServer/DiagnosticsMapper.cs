using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Diagnostics;
using Distill.LanguageServer.Protocol;
using LspDiagnostic = Distill.LanguageServer.Protocol.Diagnostic;

namespace Distill.LanguageServer;

/// <summary>The compiler's diagnostics as LSP diagnostics: the same ids, messages and spans as the build, each linking its page.</summary>
internal static class DiagnosticsMapper
{
    public static IReadOnlyList<LspDiagnostic> Map(RecipeDocument document) =>
        document.Compile.Diagnostics.Select(d => new LspDiagnostic(
            document.ToRange(d.Span),
            d.Severity switch
            {
                DiagnosticSeverity.Error => 1,
                DiagnosticSeverity.Warning => 2,
                _ => 3,
            },
            d.Id,
            new CodeDescription(DiagnosticDescriptors.HelpLink(d.Id)),
            "distill",
            d.Message)).ToList();
}
