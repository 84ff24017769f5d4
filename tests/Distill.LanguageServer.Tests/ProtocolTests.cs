using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Distill.Dsl;
using Distill.Dsl.Text;

namespace Distill.LanguageServer.Tests;

/// <summary>The server end to end over LSP framing, as an editor drives it; answers compared with baselines.</summary>
public class ProtocolTests
{
    private const string Uri = "file:///work/recipe.distill";
    private const string Broken = "# a typo in the temperature's name\nce + 0.9 * kd(temp = 4)\n";

    private static async Task<LspClient> Started()
    {
        var client = new LspClient();
        await client.Request("initialize", new JsonObject { ["processId"] = null, ["rootUri"] = null, ["capabilities"] = new JsonObject() });
        await client.Notify("initialized", new JsonObject());
        return client;
    }

    [Fact]
    public async Task Initialize_announces_every_feature()
    {
        await using var client = new LspClient();
        var result = await client.Request("initialize", new JsonObject { ["processId"] = null, ["capabilities"] = new JsonObject() });
        result!["serverInfo"]!["version"] = "(version)";
        Baseline.Match("initialize", result);
    }

    [Fact]
    public async Task DidOpen_publishes_the_builds_diagnostics_and_didChange_clears_them()
    {
        await using var client = await Started();
        await client.Open(Uri, Broken);
        var published = client.NextNotification("textDocument/publishDiagnostics")["params"]!;
        Baseline.Match("diagnostics", published);

        var build = RecipeCompiler.Compile(Broken, LspClient.BuiltIn.Terms).Diagnostics.Single();
        var lines = new SourceLines(Broken);
        var diagnostic = published["diagnostics"]![0]!;
        Assert.Equal(build.Id, (string?)diagnostic["code"]);
        Assert.Equal(build.Message, (string?)diagnostic["message"]);
        Assert.Equal(lines.GetPosition(build.Span.Start).Line, (int)diagnostic["range"]!["start"]!["line"]!);
        Assert.Equal(lines.GetPosition(build.Span.Start).Character, (int)diagnostic["range"]!["start"]!["character"]!);
        Assert.Equal(lines.GetPosition(build.Span.End).Character, (int)diagnostic["range"]!["end"]!["character"]!);

        await client.Change(Uri, 2, "ce + 0.9 * kd(T = 4)\n");
        var cleared = client.NextNotification("textDocument/publishDiagnostics")["params"]!;
        Assert.Equal(2, (int)cleared["version"]!);
        Assert.Empty(cleared["diagnostics"]!.AsArray());
    }

    [Fact]
    public async Task Completion_after_k_offers_kd_and_in_parentheses_the_parameters()
    {
        await using var client = await Started();
        await client.Open(Uri, "let w = 0.5\nce + w * k\n");
        var items = (await client.Request("textDocument/completion", LspClient.At(Uri, 1, 10)))!["items"]!.AsArray();
        var labels = items.Select(i => (string?)i!["label"]).ToList();
        Assert.Contains("kd", labels);
        Assert.Contains("warmup", labels);
        Assert.Contains("w", labels);
        Assert.Equal("let = 0.5", (string?)items.Single(i => (string?)i!["label"] == "w")!["detail"]);

        await client.Change(Uri, 2, "ce + sskd(T = 0.5, )\n");
        var parameters = (await client.Request("textDocument/completion", LspClient.At(Uri, 0, 19)))!["items"];
        Assert.DoesNotContain("T", parameters!.AsArray().Select(i => (string?)i!["label"]));
        Baseline.Match("completion-parameters", parameters);

        await client.Change(Uri, 3, "ce + pad(reduction = )\n");
        var values = (await client.Request("textDocument/completion", LspClient.At(Uri, 0, 21)))!["items"]!.AsArray();
        Assert.Equal(new[] { "mean", "sum" }, values.Select(i => (string)i!["label"]!).ToArray());
    }

    [Fact]
    public async Task Hover_shows_a_terms_formula_a_parameters_range_and_a_lets_value()
    {
        await using var client = await Started();
        await client.Open(Uri, "let base = 0.45\nlet w = 2 * base\nce + w * kd(T = 4)\n");
        var term = await client.Request("textDocument/hover", LspClient.At(Uri, 2, 10));
        Baseline.Match("hover-kd", term);
        Assert.Contains("T²/N·Σ KL(softmax(t/T) ‖ softmax(s/T))", (string?)term!["contents"]!["value"]);

        var parameter = await client.Request("textDocument/hover", LspClient.At(Uri, 2, 12));
        Assert.Contains("number = 4, > 0", (string?)parameter!["contents"]!["value"]);
        Assert.Contains("Softmax temperature.", (string?)parameter!["contents"]!["value"]);

        var let = await client.Request("textDocument/hover", LspClient.At(Uri, 2, 5));
        Assert.Equal("**w** — let = `0.9`\n\nwritten as `2 * base`", (string?)let!["contents"]!["value"]);
    }

    [Fact]
    public async Task Signature_help_definition_rename_formatting_and_tokens_answer()
    {
        await using var client = await Started();
        await client.Open(Uri, "let w   = 0.9\nce+w*kd( T=4 )\n");

        var signature = await client.Request("textDocument/signatureHelp", LspClient.At(Uri, 1, 11));
        Assert.Equal("kd(T: number = 4, > 0)", (string?)signature!["signatures"]![0]!["label"]);
        Assert.Equal(0, (int)signature["activeParameter"]!);

        var definition = await client.Request("textDocument/definition", LspClient.At(Uri, 1, 3));
        Assert.Equal(0, (int)definition!["range"]!["start"]!["line"]!);
        Assert.Equal(4, (int)definition["range"]!["start"]!["character"]!);

        var rename = new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = Uri },
            ["position"] = new JsonObject { ["line"] = 0, ["character"] = 4 },
            ["newName"] = "kd_weight",
        };
        var edits = (await client.Request("textDocument/rename", rename))!["changes"]![Uri]!.AsArray();
        Assert.Equal([(0, 4), (1, 3)], edits.Select(e => ((int)e!["range"]!["start"]!["line"]!, (int)e["range"]!["start"]!["character"]!)).ToArray());

        var formatted = (await client.Request("textDocument/formatting", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri }, ["options"] = new JsonObject() }))!.AsArray();
        Assert.Equal("let w = 0.9\nce + w * kd(T = 4)\n", (string?)formatted.Single()!["newText"]);

        var tokens = await client.Request("textDocument/semanticTokens/full", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = Uri } });
        Baseline.Match("semantic-tokens", tokens);
    }

    [Fact]
    public async Task A_tap_the_project_does_not_declare_is_reported_and_declared_taps_complete()
    {
        var catalogue = EditorCatalogue.Of(LspClient.BuiltIn.Terms.WithTaps(["embedding", "features"]));
        await using var client = new LspClient(catalogue);
        await client.Request("initialize", new JsonObject { ["capabilities"] = new JsonObject() });
        await client.Open(Uri, "ce + sp(at = fetures)\n");

        var diagnostic = client.NextNotification("textDocument/publishDiagnostics")["params"]!["diagnostics"]![0]!;
        Assert.Equal("DST0207", (string?)diagnostic["code"]);
        Assert.Equal("unknown tap 'fetures' for 'at' of 'sp'; did you mean 'features'?", (string?)diagnostic["message"]);
        Assert.Equal(13, (int)diagnostic["range"]!["start"]!["character"]!);

        var items = (await client.Request("textDocument/completion", LspClient.At(Uri, 0, 13)))!["items"]!.AsArray();
        Assert.Equal(new[] { "embedding", "features" }, items.Select(i => (string)i!["label"]!).ToArray());
    }

    [Fact]
    public async Task The_workspace_folders_project_catalogue_replaces_the_built_in_one_on_initialize()
    {
        string? asked = null;
        var project = EditorCatalogue.Of(LspClient.BuiltIn.Terms.WithTaps(["features"]));
        await using var client = new LspClient(projectCatalogue: folder => { asked = folder; return project; });
        await client.Request("initialize", new JsonObject { ["rootUri"] = "file:///work/app", ["capabilities"] = new JsonObject() });
        await client.Open(Uri, "ce + sp(at = fetures)\n");

        var diagnostic = client.NextNotification("textDocument/publishDiagnostics")["params"]!["diagnostics"]![0]!;
        Assert.Equal("/work/app", asked);
        Assert.Equal("DST0207", (string?)diagnostic["code"]);
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_the_server_with_code_0()
    {
        var client = await Started();
        Assert.Null(await client.Request("shutdown", null));
        await client.Notify("exit", null);
        Assert.Equal(0, await client.ServerExit.WaitAsync(System.TimeSpan.FromSeconds(20)));
        await client.DisposeAsync();
    }
}
