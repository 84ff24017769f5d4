using System.Collections.Generic;

namespace Distill.LanguageServer;

/// <summary>Where a token stands: in the weighted sum, naming a new let, or inside a call's parentheses.</summary>
internal enum TokenRole
{
    /// <summary>In the weighted sum or a let's value: a term, schedule, let, number or operator.</summary>
    Expression,
    /// <summary>Right after <c>let</c>: the name being declared.</summary>
    LetName,
    /// <summary>Inside <c>call(…)</c> before an <c>=</c>: a parameter name.</summary>
    ParameterName,
    /// <summary>Inside <c>call(…)</c> after <c>name =</c>: the argument's value.</summary>
    ArgumentValue,
}

/// <summary>
/// The innermost call around a spot: its name (null for a plain group), which argument (0-based),
/// and the parameter named before the <c>=</c> of that argument (null before the <c>=</c>).
/// </summary>
internal sealed record TokenContext(TokenRole Role, string? Call, int ArgumentIndex, string? Parameter, int? CallOpen);

/// <summary>
/// Reads the tokens left to right keeping a stack of open parentheses, so that any spot (the
/// cursor, or each identifier for semantic tokens) knows its role without a complete parse:
/// <c>kd(T = |</c> still says "value of T in kd". Comments are skipped.
/// </summary>
internal sealed class TokenContextScanner
{
    private sealed class Frame
    {
        public string? Call;
        public int Open;
        public int Argument;
        public string? Parameter;
    }

    private readonly string _text;
    private readonly Stack<Frame> _frames = new();
    private Token? _previous;

    public TokenContextScanner(string text) => _text = text;

    /// <summary>The role of the next token, given every token fed so far.</summary>
    public TokenContext Current
    {
        get
        {
            if (_previous is { Kind: TokenKind.Keyword }) return new TokenContext(TokenRole.LetName, null, 0, null, null);
            if (_frames.Count == 0 || _frames.Peek().Call is null) return new TokenContext(TokenRole.Expression, null, 0, null, _frames.Count == 0 ? null : _frames.Peek().Open);
            var frame = _frames.Peek();
            var role = frame.Parameter is null ? TokenRole.ParameterName : TokenRole.ArgumentValue;
            return new TokenContext(role, frame.Call, frame.Argument, frame.Parameter, frame.Open);
        }
    }

    public void Feed(Token token)
    {
        switch (token.Kind)
        {
            case TokenKind.Comment:
                return;
            case TokenKind.Open:
                _frames.Push(new Frame { Call = _previous is { Kind: TokenKind.Identifier } callee ? callee.Text(_text) : null, Open = token.Span.Start });
                break;
            case TokenKind.Close:
                if (_frames.Count > 0) _frames.Pop();
                break;
            case TokenKind.Comma when _frames.Count > 0:
                _frames.Peek().Argument++;
                _frames.Peek().Parameter = null;
                break;
            case TokenKind.EqualsSign when _frames.Count > 0 && _previous is { Kind: TokenKind.Identifier } name:
                _frames.Peek().Parameter = name.Text(_text);
                break;
        }
        _previous = token;
    }

    /// <summary>The context of the spot at <paramref name="offset"/>; a token that contains it (being typed) does not count.</summary>
    public static TokenContext At(RecipeDocument document, int offset)
    {
        var scanner = new TokenContextScanner(document.Text);
        foreach (var token in document.Tokens)
        {
            if (token.Span.End > offset || (token.Span.End == offset && token.Kind is TokenKind.Identifier or TokenKind.Keyword or TokenKind.Number)) break;
            scanner.Feed(token);
        }
        return scanner.Current;
    }
}
