using System.Collections.Generic;

namespace Distill.LanguageServer.Protocol;

/// <summary>Kinds used here: 3 function (term), 6 variable (let), 5 field (parameter), 20 enum member, 14 keyword, 12 value (tap).</summary>
internal sealed record CompletionItem(string Label, int Kind, string? Detail, MarkupContent? Documentation, string? InsertText);

internal sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionItem> Items);

internal sealed record Hover(MarkupContent Contents, Range? Range);

internal sealed record SignatureHelp(IReadOnlyList<SignatureInformation> Signatures, int ActiveSignature, int? ActiveParameter);

internal sealed record SignatureInformation(string Label, MarkupContent? Documentation, IReadOnlyList<ParameterInformation> Parameters);

/// <summary>Label as [start, end) offsets into the signature's label, so repeated names stay unambiguous.</summary>
internal sealed record ParameterInformation(IReadOnlyList<int> Label, MarkupContent? Documentation);

internal sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);

internal sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);

internal sealed record PrepareRenameResult(Range Range, string Placeholder);

internal sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument);

internal sealed record SemanticTokensParams(TextDocumentIdentifier TextDocument);

/// <summary>Relative-encoded tokens: per token (Δline, Δstart, length, type, modifiers).</summary>
internal sealed record SemanticTokens(IReadOnlyList<int> Data);
