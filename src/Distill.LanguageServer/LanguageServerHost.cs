using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using StreamJsonRpc;

namespace Distill.LanguageServer;

/// <summary>Runs the Distill language server over a pair of streams (stdin/stdout for <c>distill lsp</c>), LSP's Content-Length framing.</summary>
public static class LanguageServerHost
{
    /// <summary>
    /// Serves until the client sends <c>exit</c> or closes the stream. Returns the process exit code
    /// LSP asks for: 0 after <c>shutdown</c> then <c>exit</c>, 1 otherwise. <paramref name="projectCatalogue"/>,
    /// when given, is asked on <c>initialize</c> for the catalogue of the workspace folder's project
    /// (null: keep <paramref name="catalogue"/>).
    /// </summary>
    public static async Task<int> RunAsync(Stream input, Stream output, EditorCatalogue catalogue, Func<string, EditorCatalogue?>? projectCatalogue = null)
    {
        var formatter = new SystemTextJsonFormatter();
        formatter.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        formatter.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        var server = new DistillLanguageServer(catalogue, projectCatalogue);
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter));
        server.Attach(rpc);
        rpc.AddLocalRpcTarget(server, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        rpc.StartListening();
        await Task.WhenAny(rpc.Completion, server.Exited).ConfigureAwait(false);
        return server.ShutdownRequested && server.Exited.IsCompleted ? 0 : 1;
    }
}
