using Distill.Dsl.Text;

namespace Distill.Dsl.Tests;

public class TextTests
{
    [Theory]
    [InlineData("ab\ncd", 3, 1, 0)]
    [InlineData("ab\r\ncd", 4, 1, 0)]
    [InlineData("ab\rcd", 4, 1, 1)]
    [InlineData("abc", 2, 0, 2)]
    public void Offsets_map_to_lines_and_columns(string text, int offset, int line, int column)
    {
        var pos = new SourceLines(text).GetPosition(offset);
        Assert.Equal(new LinePosition(line, column), pos);
    }
}
