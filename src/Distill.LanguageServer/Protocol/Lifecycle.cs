using System.Collections.Generic;

namespace Distill.LanguageServer.Protocol;

/// <summary>What the server reads of <c>initialize</c>; the client's capabilities are not needed.</summary>
internal sealed record InitializeParams(int? ProcessId, string? RootUri);

internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

internal sealed record ServerInfo(string Name, string Version);

internal sealed record ServerCapabilities(
    TextDocumentSyncOptions TextDocumentSync,
    CompletionOptions CompletionProvider,
    bool HoverProvider,
    SignatureHelpOptions SignatureHelpProvider,
    bool DefinitionProvider,
    RenameOptions RenameProvider,
    bool DocumentFormattingProvider,
    SemanticTokensOptions SemanticTokensProvider);

/// <summary>Full-text sync (kind 1): recipes are small, so every change sends the whole document.</summary>
internal sealed record TextDocumentSyncOptions(bool OpenClose, int Change);

internal sealed record CompletionOptions(IReadOnlyList<string> TriggerCharacters);

internal sealed record SignatureHelpOptions(IReadOnlyList<string> TriggerCharacters, IReadOnlyList<string> RetriggerCharacters);

internal sealed record RenameOptions(bool PrepareProvider);

internal sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Full);

internal sealed record SemanticTokensLegend(IReadOnlyList<string> TokenTypes, IReadOnlyList<string> TokenModifiers);
