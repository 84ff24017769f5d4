namespace Distill.Dsl.Parsing
{
    /// <summary>
    /// Where the parser picks up again after a syntax error: the next <c>+</c> or <c>-</c> outside
    /// parentheses opened after the error, the next line that starts with <c>let</c>, or the end of
    /// the text. Parentheses left open before the error are forgotten, so a missing <c>)</c> does not
    /// swallow the rest of the file. Numbers, names and comments are skipped whole, so the <c>-</c>
    /// of <c>1e-3</c> is no resync point.
    /// </summary>
    internal static class Resync
    {
        /// <summary>The first resync point at or after <paramref name="notBefore"/>, scanning tokens from <paramref name="from"/>.</summary>
        public static int Find(string text, int from, int notBefore)
        {
            int depth = 0;
            int i = from;
            while (i < text.Length)
            {
                char c = text[i];
                if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
                {
                    while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
                }
                else if (c == '\n' || c == '\r')
                {
                    i++;
                    int j = SkipBlanks(text, i);
                    if (j >= notBefore && StartsWithLet(text, j)) return j;
                }
                else if (IsNumberStart(text, i)) i = SkipNumber(text, i);
                else if (Grammar.IsIdentifierStart(c)) i = SkipIdentifier(text, i);
                else
                {
                    if (i < notBefore) { }
                    else if (c == '(') depth++;
                    else if (c == ')' && depth > 0) depth--;
                    else if ((c == '+' || c == '-') && depth == 0) return i;
                    i++;
                }
            }
            return text.Length;
        }

        /// <summary>
        /// Where a bad argument ends: the next <c>,</c> or <c>)</c> outside parentheses opened after
        /// <paramref name="from"/>, or -1 when a line break, a comment, a <c>+</c> or the end of the
        /// text comes first (then the whole term is abandoned instead).
        /// </summary>
        public static int ArgumentEnd(string text, int from)
        {
            int depth = 0;
            for (int i = from; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n' || c == '\r' || c == '#' || c == '+' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/')) return -1;
                if (c == '(') depth++;
                else if (c == ')' && depth > 0) depth--;
                else if ((c == ')' || c == ',') && depth == 0) return i;
            }
            return -1;
        }

        /// <summary>The deepest parenthesis nesting outside comments, and where it is first reached.</summary>
        public static (int Depth, int Position) MaxDepth(string text)
        {
            int depth = 0, max = 0, at = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
                {
                    while (i + 1 < text.Length && text[i + 1] != '\n' && text[i + 1] != '\r') i++;
                }
                else if (c == '(' && ++depth > max)
                {
                    max = depth;
                    at = i;
                }
                else if (c == ')' && depth > 0) depth--;
            }
            return (max, at);
        }

        /// <summary>
        /// Where the <c>let</c> starting at <paramref name="start"/> ends: the first line break
        /// outside parentheses that follows a complete value (the line does not end in an operator,
        /// <c>=</c>, <c>(</c> or <c>,</c>), or the end of the text.
        /// </summary>
        public static int LetEnd(string text, int start)
        {
            int depth = 0;
            char last = '=';
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
                {
                    while (i + 1 < text.Length && text[i + 1] != '\n' && text[i + 1] != '\r') i++;
                }
                else if (c == '\n' || c == '\r')
                {
                    if (depth == 0 && "+-*/=(,".IndexOf(last) < 0) return i;
                }
                else if (!char.IsWhiteSpace(c))
                {
                    if (c == '(') depth++;
                    else if (c == ')' && depth > 0) depth--;
                    last = c;
                }
            }
            return text.Length;
        }

        public static bool StartsWithLet(string text, int i) =>
            string.CompareOrdinal(text, i, Grammar.Keyword, 0, Grammar.Keyword.Length) == 0
            && (i + Grammar.Keyword.Length == text.Length || !Grammar.IsIdentifierPart(text[i + Grammar.Keyword.Length]));

        private static int SkipBlanks(string text, int i)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            return i;
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        public static bool IsNumberStart(string text, int i) =>
            IsDigit(text[i]) || (text[i] == '.' && i + 1 < text.Length && IsDigit(text[i + 1]));

        public static int SkipNumber(string text, int i)
        {
            while (i < text.Length && (IsDigit(text[i]) || text[i] == '.')) i++;
            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                int j = i + 1;
                if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
                if (j < text.Length && IsDigit(text[j]))
                {
                    i = j;
                    while (i < text.Length && IsDigit(text[i])) i++;
                }
            }
            return i;
        }

        private static int SkipIdentifier(string text, int i)
        {
            while (i < text.Length && Grammar.IsIdentifierPart(text[i])) i++;
            return i;
        }
    }
}
