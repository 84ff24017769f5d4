using Distill.Dsl.Text;
using Sprache;

namespace Distill.Dsl.Parsing
{
    /// <summary>A parsed value and the 0-based span it came from; what Sprache's Positioned() fills in.</summary>
    internal sealed class Located<T> : IPositionAware<Located<T>>
    {
        public Located(T value, TextSpan span)
        {
            Value = value;
            Span = span;
        }

        public T Value { get; }
        public TextSpan Span { get; }

        public Located<T> SetPos(Position startPos, int length) => new Located<T>(Value, new TextSpan(startPos.Pos, length));
    }
}
