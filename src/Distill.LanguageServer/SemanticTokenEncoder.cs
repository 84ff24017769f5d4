using System.Collections.Generic;
using System.Linq;

namespace Distill.LanguageServer;

/// <summary>
/// Semantic tokens for the whole document: keywords, comments, numbers, operators, terms and
/// schedules (function), parameters, lets (variable) and enum or tap values (enumMember), in
/// LSP's relative encoding.
/// </summary>
internal static class SemanticTokenEncoder
{
    public static readonly IReadOnlyList<string> Legend = ["keyword", "comment", "number", "operator", "function", "parameter", "variable", "enumMember"];

    private const int Keyword = 0, Comment = 1, Number = 2, Operator = 3, Function = 4, Parameter = 5, Variable = 6, EnumMember = 7;

    public static List<int> Encode(RecipeDocument document)
    {
        var lets = new HashSet<string>(document.Parse.Syntax.Lets.Select(l => l.Name));
        var scanner = new TokenContextScanner(document.Text);
        var data = new List<int>();
        int line = 0, character = 0;
        foreach (var token in document.Tokens)
        {
            int? type = Classify(document, token, scanner.Current, lets);
            scanner.Feed(token);
            if (type is null) continue;
            var start = document.Lines.GetPosition(token.Span.Start);
            if (document.Lines.GetPosition(token.Span.End).Line != start.Line) continue;
            data.Add(start.Line - line);
            data.Add(start.Line == line ? start.Character - character : start.Character);
            data.Add(token.Span.Length);
            data.Add(type.Value);
            data.Add(0);
            (line, character) = (start.Line, start.Character);
        }
        return data;
    }

    private static int? Classify(RecipeDocument document, Token token, TokenContext context, HashSet<string> lets)
    {
        switch (token.Kind)
        {
            case TokenKind.Keyword: return Keyword;
            case TokenKind.Comment: return Comment;
            case TokenKind.Number: return Number;
            case TokenKind.Operator or TokenKind.EqualsSign: return Operator;
            case TokenKind.Identifier: break;
            default: return null;
        }
        string word = token.Text(document.Text);
        return context.Role switch
        {
            TokenRole.LetName => Variable,
            TokenRole.ParameterName => Parameter,
            TokenRole.ArgumentValue => word is "true" or "false" ? Keyword : lets.Contains(word) ? Variable : EnumMember,
            _ => lets.Contains(word) ? Variable : Function,
        };
    }
}
