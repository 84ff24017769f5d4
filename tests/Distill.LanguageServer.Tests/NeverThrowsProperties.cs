using System.Linq;
using Distill.Dsl.Tests;
using Distill.LanguageServer.Protocol;
using FsCheck;
using FsCheck.Xunit;

namespace Distill.LanguageServer.Tests;

/// <summary>
/// The compiler's fuzz corpus (arbitrary strings, recipe-like token soup, mutated valid recipes)
/// applied to the server's handlers: every feature at every offset answers without throwing, and
/// every range it returns lies inside the text.
/// </summary>
public class NeverThrowsProperties
{
    [Property(MaxTest = 200)]
    public bool Arbitrary_strings(string? text) => EveryHandlerAnswers(text ?? "");

    [Property(Arbitrary = new[] { typeof(RecipeLike) }, MaxTest = 200)]
    public bool Recipe_like_strings(string text) => EveryHandlerAnswers(text);

    [Property(Arbitrary = new[] { typeof(Mutated) }, MaxTest = 200)]
    public bool Mutated_recipes(string text) => EveryHandlerAnswers(text);

    private static bool EveryHandlerAnswers(string text)
    {
        var server = new DistillLanguageServer(LspClient.BuiltIn);
        const string uri = "file:///fuzz.distill";
        server.DidOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "distill", 1, text)));
        var id = new TextDocumentIdentifier(uri);
        var lines = new Dsl.Text.SourceLines(text);
        bool inside = true;
        for (int offset = 0; offset <= text.Length; offset++)
        {
            var lp = lines.GetPosition(offset);
            var at = new TextDocumentPositionParams(id, new Position(lp.Line, lp.Character));
            server.Completion(at);
            var hover = server.Hover(at);
            server.SignatureHelp(at);
            var definition = server.Definition(at);
            server.PrepareRename(at);
            var rename = server.Rename(new RenameParams(id, at.Position, "renamed"));
            inside &= Inside(lines, hover?.Range) && Inside(lines, definition?.Range)
                && (rename is null || rename.Changes.Values.SelectMany(e => e).All(e => Inside(lines, e.Range)));
        }
        server.Formatting(new DocumentFormattingParams(id));
        var tokens = server.SemanticTokensFull(new SemanticTokensParams(id));
        return inside && tokens.Data.Count % 5 == 0;
    }

    private static bool Inside(Dsl.Text.SourceLines lines, Range? range) =>
        range is null || (range.End.Line < lines.LineCount && range.Start.Line <= range.End.Line);

    public static class RecipeLike
    {
        public static Arbitrary<string> Strings() => SyntaxGenerators.RecipeLikeText();
    }

    public static class Mutated
    {
        public static Arbitrary<string> Strings() => SyntaxGenerators.MutatedRecipes();
    }
}
