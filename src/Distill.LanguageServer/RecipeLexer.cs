using System.Collections.Generic;
using Distill.Dsl.Parsing;
using Distill.Dsl.Text;

namespace Distill.LanguageServer;

internal enum TokenKind
{
    Identifier,
    Keyword,
    Number,
    Comment,
    Operator,
    Open,
    Close,
    Comma,
    EqualsSign,
    Other,
}

/// <summary>One lexical token; identifiers include dots between parts (<c>rkd.angle</c>).</summary>
internal readonly record struct Token(TokenKind Kind, TextSpan Span)
{
    public string Text(string source) => source.Substring(Span.Start, Span.Length);
}

/// <summary>
/// Splits any text into the language's tokens for the editor (semantic tokens, the cursor's
/// context). It follows the grammar's character classes but never fails: what the grammar would
/// reject becomes <see cref="TokenKind.Other"/>. Linear in the text.
/// </summary>
internal static class RecipeLexer
{
    public static List<Token> Lex(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            TokenKind kind;
            if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
                kind = TokenKind.Comment;
            }
            else if (Resync.IsNumberStart(text, i))
            {
                i = Resync.SkipNumber(text, i);
                kind = TokenKind.Number;
            }
            else if (Grammar.IsIdentifierStart(c))
            {
                i = SkipIdentifier(text, i);
                kind = i - start == 3 && string.CompareOrdinal(text, start, "let", 0, 3) == 0 ? TokenKind.Keyword : TokenKind.Identifier;
            }
            else
            {
                i++;
                kind = c switch
                {
                    '+' or '-' or '*' or '/' => TokenKind.Operator,
                    '(' => TokenKind.Open,
                    ')' => TokenKind.Close,
                    ',' => TokenKind.Comma,
                    '=' => TokenKind.EqualsSign,
                    _ => TokenKind.Other,
                };
            }
            tokens.Add(new Token(kind, TextSpan.FromBounds(start, i)));
        }
        return tokens;
    }

    /// <summary>Identifier parts joined by single dots: <c>rkd.angle</c>, <c>a.b.c</c>.</summary>
    private static int SkipIdentifier(string text, int i)
    {
        while (true)
        {
            while (i < text.Length && Grammar.IsIdentifierPart(text[i])) i++;
            if (i + 1 < text.Length && text[i] == '.' && Grammar.IsIdentifierStart(text[i + 1])) i++;
            else return i;
        }
    }
}
