using System;

namespace Distill.Dsl.Text
{
    /// <summary>A 0-based, half-open range of characters [Start, Start + Length) in a recipe's text.</summary>
    public readonly struct TextSpan : IEquatable<TextSpan>
    {
        public TextSpan(int start, int length)
        {
            if (start < 0) throw new ArgumentOutOfRangeException(nameof(start));
            if (length < 0) throw new ArgumentOutOfRangeException(nameof(length));
            Start = start;
            Length = length;
        }

        public int Start { get; }
        public int Length { get; }
        public int End => Start + Length;

        public static TextSpan FromBounds(int start, int end) => new TextSpan(start, end - start);

        /// <summary>The smallest span that covers both.</summary>
        public TextSpan Cover(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));

        public bool Equals(TextSpan other) => Start == other.Start && Length == other.Length;
        public override bool Equals(object? obj) => obj is TextSpan other && Equals(other);
        public override int GetHashCode() => unchecked(Start * 397 ^ Length);
        public static bool operator ==(TextSpan a, TextSpan b) => a.Equals(b);
        public static bool operator !=(TextSpan a, TextSpan b) => !a.Equals(b);
        public override string ToString() => $"[{Start}..{End})";
    }
}
