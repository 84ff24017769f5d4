using System;

namespace Distill.Dsl.Text
{
    /// <summary>A 0-based line and character; printed 1-based as (line,col).</summary>
    public readonly struct LinePosition : IEquatable<LinePosition>
    {
        public LinePosition(int line, int character)
        {
            Line = line;
            Character = character;
        }

        public int Line { get; }
        public int Character { get; }

        public bool Equals(LinePosition other) => Line == other.Line && Character == other.Character;
        public override bool Equals(object? obj) => obj is LinePosition other && Equals(other);
        public override int GetHashCode() => unchecked(Line * 397 ^ Character);
        public override string ToString() => $"({Line + 1},{Character + 1})";
    }
}
