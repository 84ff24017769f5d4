using System;
using System.Collections.Generic;
using Sprache;

namespace Distill.Dsl.Parsing
{
    /// <summary>
    /// Sprache input over a text that ends early, at <c>limit</c>: a <c>let</c> is parsed up to the
    /// end of its line, so that a loss expression starting with <c>-</c> on the next line is not
    /// taken as the let's continuation. Positions stay those of the whole text.
    /// </summary>
    internal sealed class LimitedInput : IInput
    {
        private readonly int _limit;
        private IDictionary<object, object>? _memos;

        public LimitedInput(string source, int position, int limit, int line = 1, int column = 1)
        {
            Source = source;
            Position = position;
            _limit = Math.Min(limit, source.Length);
            Line = line;
            Column = column;
        }

        public string Source { get; }
        public int Position { get; }
        public int Line { get; }
        public int Column { get; }
        public bool AtEnd => Position >= _limit;
        public char Current => Source[Position];
        public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

        public IInput Advance()
        {
            if (AtEnd) throw new InvalidOperationException("The input is already at its end.");
            return Current == '\n'
                ? new LimitedInput(Source, Position + 1, _limit, Line + 1, 1)
                : new LimitedInput(Source, Position + 1, _limit, Line, Column + 1);
        }

        public bool Equals(IInput? other) =>
            other is LimitedInput o && ReferenceEquals(Source, o.Source) && Position == o.Position && _limit == o._limit;

        public override bool Equals(object? obj) => obj is IInput other && Equals(other);

        public override int GetHashCode() => unchecked(Position * 397 ^ _limit);
    }
}
