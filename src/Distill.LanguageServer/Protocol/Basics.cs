namespace Distill.LanguageServer.Protocol;

// The subset of the Language Server Protocol 3.17 that the server speaks, as plain records that
// System.Text.Json writes in camelCase (nulls omitted). Hand-written because no LSP type package
// (Microsoft.VisualStudio.LanguageServer.Protocol, OmniSharp's) restores from the registry here;
// the protocol tests and the Neovim test check the shapes against real clients' expectations.

/// <summary>0-based line and UTF-16 character, as LSP counts them (the same units as C# strings).</summary>
internal sealed record Position(int Line, int Character);

internal sealed record Range(Position Start, Position End);

internal sealed record Location(string Uri, Range Range);

internal sealed record TextDocumentIdentifier(string Uri);

internal sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

internal sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

internal sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

internal sealed record TextEdit(Range Range, string NewText);

/// <summary>Markdown text for hovers and documentation.</summary>
internal sealed record MarkupContent(string Kind, string Value)
{
    public static MarkupContent Markdown(string value) => new("markdown", value);
}
