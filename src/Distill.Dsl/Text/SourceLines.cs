using System;
using System.Collections.Generic;

namespace Distill.Dsl.Text
{
    /// <summary>Maps character offsets of a text to line/column positions. Lines end at \n, \r\n or \r.</summary>
    public sealed class SourceLines
    {
        private readonly int[] _lineStarts;

        public SourceLines(string text)
        {
            Text = text ?? throw new ArgumentNullException(nameof(text));
            var starts = new List<int> { 0 };
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { starts.Add(i + 2); i++; }
                else if (c == '\n' || c == '\r') starts.Add(i + 1);
            }
            _lineStarts = starts.ToArray();
        }

        public string Text { get; }
        public int LineCount => _lineStarts.Length;

        public LinePosition GetPosition(int offset)
        {
            if (offset < 0) offset = 0;
            if (offset > Text.Length) offset = Text.Length;
            int line = Array.BinarySearch(_lineStarts, offset);
            if (line < 0) line = ~line - 1;
            return new LinePosition(line, offset - _lineStarts[line]);
        }

        public int LineStart(int line) => _lineStarts[line];

        /// <summary>The text of a 0-based line without its line break.</summary>
        public string LineText(int line)
        {
            int start = _lineStarts[line];
            int end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : Text.Length;
            while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r')) end--;
            return Text.Substring(start, end - start);
        }
    }
}
