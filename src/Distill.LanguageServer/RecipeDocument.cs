using System;
using System.Collections.Generic;
using Distill.Dsl;
using Distill.Dsl.Parsing;
using Distill.Dsl.Text;
using Distill.LanguageServer.Protocol;
using Range = Distill.LanguageServer.Protocol.Range;

namespace Distill.LanguageServer;

/// <summary>
/// One open recipe as the editor last sent it: its text and what the compiler made of it (the
/// same <see cref="RecipeCompiler.Compile"/> call the build makes), plus the editor-only views
/// (tokens, folded lets), each computed once per version.
/// </summary>
internal sealed class RecipeDocument
{
    private readonly Lazy<List<Token>> _tokens;
    private readonly Lazy<IReadOnlyDictionary<string, double>> _letValues;

    public RecipeDocument(string uri, int version, string text, EditorCatalogue catalogue)
    {
        Uri = uri;
        Version = version;
        Text = text ?? "";
        Catalogue = catalogue;
        Lines = new SourceLines(Text);
        Parse = RecipeParser.Parse(Text);
        Compile = RecipeCompiler.Compile(Text, catalogue.Terms);
        _tokens = new Lazy<List<Token>>(() => RecipeLexer.Lex(Text));
        _letValues = new Lazy<IReadOnlyDictionary<string, double>>(() => RecipeCompiler.FoldLets(Text, catalogue.Terms));
    }

    public string Uri { get; }
    public int Version { get; }
    public string Text { get; }
    public EditorCatalogue Catalogue { get; }
    public SourceLines Lines { get; }
    public ParseResult Parse { get; }
    public CompileResult Compile { get; }
    public List<Token> Tokens => _tokens.Value;
    public IReadOnlyDictionary<string, double> LetValues => _letValues.Value;

    /// <summary>The offset of an LSP position, clamped into the text (a client may send a position past a line's end).</summary>
    public int Offset(Position position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= Lines.LineCount) return Text.Length;
        int start = Lines.LineStart(position.Line);
        int length = Lines.LineText(position.Line).Length;
        return start + Math.Max(0, Math.Min(position.Character, length));
    }

    public Range ToRange(TextSpan span)
    {
        var start = Lines.GetPosition(span.Start);
        var end = Lines.GetPosition(span.End);
        return new Range(new Position(start.Line, start.Character), new Position(end.Line, end.Character));
    }

    /// <summary>The identifier token that contains or ends at <paramref name="offset"/>, if any.</summary>
    public Token? IdentifierAt(int offset)
    {
        foreach (var token in Tokens)
        {
            if (token.Span.Start > offset) break;
            if (token.Kind is TokenKind.Identifier or TokenKind.Keyword && offset <= token.Span.End) return token;
        }
        return null;
    }
}
