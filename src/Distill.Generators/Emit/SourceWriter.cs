using System.Text;

namespace Distill.Generators
{
    /// <summary>An indented text writer for generated C# (four spaces, \n line ends), after dotnet/runtime's SourceWriter.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _sb = new StringBuilder();
        private int _indentation;

        public void WriteLine(string text)
        {
            if (text.Length > 0) _sb.Append(' ', 4 * _indentation).Append(text);
            _sb.Append('\n');
        }

        public void WriteLine() => _sb.Append('\n');

        /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until <see cref="CloseBlock"/>.</summary>
        public void OpenBlock(string header)
        {
            WriteLine(header);
            WriteLine("{");
            _indentation++;
        }

        public void CloseBlock(string suffix = "")
        {
            _indentation--;
            WriteLine("}" + suffix);
        }

        public override string ToString() => _sb.ToString();
    }
}
