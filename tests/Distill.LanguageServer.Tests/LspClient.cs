using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Distill.Runtime;
using Nerdbank.Streams;

namespace Distill.LanguageServer.Tests;

/// <summary>
/// A raw LSP client over an in-memory duplex stream: writes Content-Length frames and reads the
/// server's, so the tests see exactly the bytes an editor would (no shared DTOs with the server).
/// </summary>
public sealed class LspClient : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly Task<int> _server;
    private readonly Task _reader;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly BlockingCollection<JsonObject> _notifications = new();
    private int _nextId;

    public LspClient(EditorCatalogue? catalogue = null, Func<string, EditorCatalogue?>? projectCatalogue = null)
    {
        var (client, server) = FullDuplexStream.CreatePair();
        _stream = client;
        _server = LanguageServerHost.RunAsync(server, server, catalogue ?? BuiltIn, projectCatalogue);
        _reader = Task.Run(ReadLoop);
    }

    public static EditorCatalogue BuiltIn { get; } = EditorCatalogue.Of(RuntimeCatalogue.BuiltIn.Catalogue);

    public Task<int> ServerExit => _server;

    public async Task<JsonNode?> Request(string method, JsonNode? parameters)
    {
        int id = Interlocked.Increment(ref _nextId);
        var done = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        await Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        return await done.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public Task Notify(string method, JsonNode? parameters) =>
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>The next notification with this method (others are skipped), within 20 seconds.</summary>
    public JsonObject NextNotification(string method)
    {
        while (_notifications.TryTake(out var message, TimeSpan.FromSeconds(20)))
        {
            if ((string?)message["method"] == method) return message;
        }
        throw new TimeoutException($"no '{method}' notification within 20 s");
    }

    public Task Open(string uri, string text) => Notify("textDocument/didOpen", new JsonObject
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "distill", ["version"] = 1, ["text"] = text },
    });

    public Task Change(string uri, int version, string text) => Notify("textDocument/didChange", new JsonObject
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
        ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
    });

    public static JsonObject At(string uri, int line, int character) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
        ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
    };

    private async Task Send(JsonObject message)
    {
        byte[] body = Encoding.UTF8.GetBytes(message.ToJsonString());
        byte[] header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _stream.WriteAsync(header);
        await _stream.WriteAsync(body);
        await _stream.FlushAsync();
    }

    private async Task ReadLoop()
    {
        try
        {
            while (await ReadMessage() is { } message)
            {
                if (message["id"] is { } id && message["method"] is null && _pending.TryRemove((int)id, out var done))
                {
                    if (message["error"] is { } error) done.SetException(new InvalidOperationException(error.ToJsonString()));
                    else done.SetResult(message["result"]);
                }
                else _notifications.Add(message);
            }
        }
        catch (IOException)
        {
        }
        _notifications.CompleteAdding();
    }

    private async Task<JsonObject?> ReadMessage()
    {
        int length = -1;
        while (true)
        {
            string? line = await ReadHeaderLine();
            if (line is null) return null;
            if (line.Length == 0) break;
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line["Content-Length:".Length..].Trim());
        }
        var body = new byte[length];
        await _stream.ReadExactlyAsync(body);
        return (JsonObject)JsonNode.Parse(body)!;
    }

    private async Task<string?> ReadHeaderLine()
    {
        var sb = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await _stream.ReadAsync(one) == 0) return null;
            if (one[0] == '\n') return sb.ToString().TrimEnd('\r');
            sb.Append((char)one[0]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        await Task.WhenAny(_reader, Task.Delay(5000));
    }
}
