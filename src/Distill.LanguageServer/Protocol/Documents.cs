using System.Collections.Generic;

namespace Distill.LanguageServer.Protocol;

internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

/// <summary>With full sync the change is the whole new text (no range).</summary>
internal sealed record TextDocumentContentChangeEvent(string Text);

internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

internal sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>Severity 1 error, 2 warning, 3 information; <see cref="CodeDescription"/> links the diagnostic's page.</summary>
internal sealed record Diagnostic(Range Range, int Severity, string Code, CodeDescription CodeDescription, string Source, string Message);

internal sealed record CodeDescription(string Href);
