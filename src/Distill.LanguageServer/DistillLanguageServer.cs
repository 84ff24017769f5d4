using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Distill.LanguageServer.Protocol;
using StreamJsonRpc;

namespace Distill.LanguageServer;

/// <summary>
/// The LSP methods, one per JSON-RPC method name. Each answers from the document's last full text
/// (full sync) through the compiler and the editor views; none of them throws on any text (the
/// fuzz property in the tests drives them with the compiler's generators).
/// </summary>
internal sealed class DistillLanguageServer(EditorCatalogue catalogue, Func<string, EditorCatalogue?>? projectCatalogue = null)
{
    private readonly ConcurrentDictionary<string, RecipeDocument> _documents = new();
    private readonly TaskCompletionSource _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JsonRpc? _rpc;

    /// <summary>Completes on the client's <c>exit</c> notification.</summary>
    public Task Exited => _exit.Task;

    /// <summary>Set after a <c>shutdown</c> request, so the host exits 0 on <c>exit</c> (LSP: 1 without it).</summary>
    public bool ShutdownRequested { get; private set; }

    public void Attach(JsonRpc rpc) => _rpc = rpc;

    /// <summary>
    /// Answers with the capabilities; with a workspace folder and a project catalogue reader (the
    /// host's: <c>distill lsp</c> without <c>--terms</c>), the user's own terms from the project's
    /// build output join the catalogue.
    /// </summary>
    [JsonRpcMethod("initialize")]
    public InitializeResult Initialize(InitializeParams p)
    {
        if (projectCatalogue is not null && p.RootUri is { } root && System.Uri.TryCreate(root, UriKind.Absolute, out var uri) && uri.IsFile
            && projectCatalogue(uri.LocalPath) is { } found)
            catalogue = found;
        return Capabilities();
    }

    private static InitializeResult Capabilities() => new(
        new ServerCapabilities(
            new TextDocumentSyncOptions(true, 1),
            new CompletionOptions(["(", ",", "="]),
            true,
            new SignatureHelpOptions(["(", ","], [" "]),
            true,
            new RenameOptions(true),
            true,
            new SemanticTokensOptions(new SemanticTokensLegend(SemanticTokenEncoder.Legend, []), true)),
        new ServerInfo("distill", typeof(DistillLanguageServer).Assembly.GetName().Version?.ToString() ?? "0"));

    [JsonRpcMethod("initialized")]
    public void Initialized() { }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        ShutdownRequested = true;
        return null;
    }

    [JsonRpcMethod("exit")]
    public void Exit() => _exit.TrySetResult();

    [JsonRpcMethod("textDocument/didOpen")]
    public void DidOpen(DidOpenTextDocumentParams p) =>
        Update(new RecipeDocument(p.TextDocument.Uri, p.TextDocument.Version, p.TextDocument.Text, catalogue));

    [JsonRpcMethod("textDocument/didChange")]
    public void DidChange(DidChangeTextDocumentParams p)
    {
        if (p.ContentChanges.Count == 0) return;
        Update(new RecipeDocument(p.TextDocument.Uri, p.TextDocument.Version, p.ContentChanges[^1].Text, catalogue));
    }

    [JsonRpcMethod("textDocument/didClose")]
    public void DidClose(DidCloseTextDocumentParams p)
    {
        _documents.TryRemove(p.TextDocument.Uri, out _);
        Publish(new PublishDiagnosticsParams(p.TextDocument.Uri, null, []));
    }

    [JsonRpcMethod("textDocument/completion")]
    public CompletionList Completion(TextDocumentPositionParams p) =>
        Find(p.TextDocument) is { } d ? Completions.At(d, d.Offset(p.Position)) : new CompletionList(false, []);

    [JsonRpcMethod("textDocument/hover")]
    public Hover? Hover(TextDocumentPositionParams p) => Find(p.TextDocument) is { } d ? Hovers.At(d, d.Offset(p.Position)) : null;

    [JsonRpcMethod("textDocument/signatureHelp")]
    public SignatureHelp? SignatureHelp(TextDocumentPositionParams p) => Find(p.TextDocument) is { } d ? Signatures.At(d, d.Offset(p.Position)) : null;

    [JsonRpcMethod("textDocument/definition")]
    public Location? Definition(TextDocumentPositionParams p) =>
        Find(p.TextDocument) is { } d && LetReferences.LetAt(d, d.Offset(p.Position)) is { } let ? new Location(d.Uri, d.ToRange(let.NameSpan)) : null;

    [JsonRpcMethod("textDocument/prepareRename")]
    public PrepareRenameResult? PrepareRename(TextDocumentPositionParams p) =>
        Find(p.TextDocument) is { } d && LetReferences.LetAt(d, d.Offset(p.Position)) is { } let ? new PrepareRenameResult(d.ToRange(let.NameSpan), let.Name) : null;

    [JsonRpcMethod("textDocument/rename")]
    public WorkspaceEdit? Rename(RenameParams p)
    {
        if (Find(p.TextDocument) is not { } d || LetReferences.LetAt(d, d.Offset(p.Position)) is not { } let) return null;
        var edits = LetReferences.Spans(d, let).Select(s => new TextEdit(d.ToRange(s), p.NewName)).ToList();
        return new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>> { [d.Uri] = edits });
    }

    [JsonRpcMethod("textDocument/formatting")]
    public IReadOnlyList<TextEdit> Formatting(DocumentFormattingParams p)
    {
        if (Find(p.TextDocument) is not { } d || LanguageServer.Formatting.Format(d) is not { } formatted) return [];
        return [new TextEdit(d.ToRange(new Dsl.Text.TextSpan(0, d.Text.Length)), formatted)];
    }

    [JsonRpcMethod("textDocument/semanticTokens/full")]
    public SemanticTokens SemanticTokensFull(SemanticTokensParams p) =>
        new(Find(p.TextDocument) is { } d ? SemanticTokenEncoder.Encode(d) : []);

    private RecipeDocument? Find(TextDocumentIdentifier document) => _documents.TryGetValue(document.Uri, out var d) ? d : null;

    private void Update(RecipeDocument document)
    {
        _documents[document.Uri] = document;
        Publish(new PublishDiagnosticsParams(document.Uri, document.Version, DiagnosticsMapper.Map(document)));
    }

    private void Publish(PublishDiagnosticsParams diagnostics) =>
        _ = _rpc?.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", diagnostics);
}
