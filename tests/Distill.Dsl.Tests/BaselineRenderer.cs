using System;
using System.Linq;
using System.Text;
using Distill.Dsl.Diagnostics;
using Distill.Dsl.Printing;
using Distill.Dsl.Text;

namespace Distill.Dsl.Tests;

/// <summary>
/// Renders a compile result as a baseline: every source line, and under it each diagnostic that
/// starts on it, underlined with carets, then the canonical form when the recipe bound.
/// </summary>
public static class BaselineRenderer
{
    public static string Render(string text, CompileResult result)
    {
        var lines = new SourceLines(text);
        var sb = new StringBuilder();
        var byLine = result.Diagnostics.ToLookup(d => lines.GetPosition(d.Span.Start).Line);
        for (int line = 0; line < lines.LineCount; line++)
        {
            string source = lines.LineText(line);
            sb.Append(source).Append('\n');
            foreach (var d in byLine[line]) sb.Append(Underline(source, lines, d)).Append('\n');
        }
        sb.Append(result.Recipe is null ? "=> no recipe" : "=> " + RecipePrinter.Print(result.Recipe)).Append('\n');
        return sb.ToString();
    }

    private static string Underline(string source, SourceLines lines, DistillDiagnostic d)
    {
        var start = lines.GetPosition(d.Span.Start);
        var end = lines.GetPosition(d.Span.End);
        int column = start.Character;
        int width = end.Line == start.Line ? Math.Max(1, end.Character - column) : Math.Max(1, source.Length - column);
        var indent = new string(source.Take(column).Select(c => c == '\t' ? '\t' : ' ').ToArray());
        string severity = d.Severity.ToString().ToLowerInvariant();
        return $"{indent}{new string('^', width)} {severity} {d.Id}: {d.Message}";
    }
}
