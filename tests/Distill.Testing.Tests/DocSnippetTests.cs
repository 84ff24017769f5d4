using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Distill.Testing.Tests;

/// <summary>
/// docs/new-term.md's C# snippets compile as written: each is copied from the example projects
/// (which CI builds and tests), so each block's lines must appear, in order, in one example file.
/// </summary>
public class DocSnippetTests
{
    private static string Root([CallerFilePath] string here = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    public static IEnumerable<object[]> Blocks() =>
        Regex.Matches(File.ReadAllText(Path.Combine(Root(), "docs", "new-term.md")), "```csharp\n(.*?)```", RegexOptions.Singleline)
             .Select((m, i) => new object[] { i, m.Groups[1].Value });

    [Fact]
    public void The_page_has_snippets() => Assert.True(Blocks().Count() >= 5);

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Each_csharp_block_is_taken_from_an_example_file(int index, string block)
    {
        var wanted = Lines(block);
        var files = Directory.EnumerateFiles(Path.Combine(Root(), "examples"), "*.cs", SearchOption.AllDirectories)
                             .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        Assert.True(files.Any(f => IsSubsequence(wanted, Lines(File.ReadAllText(f)))),
            $"block {index} of docs/new-term.md is not in any examples/**/*.cs file in this order:\n{block}");
    }

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static bool IsSubsequence(List<string> wanted, List<string> lines)
    {
        int at = 0;
        foreach (var line in lines)
            if (at < wanted.Count && line == wanted[at]) at++;
        return at == wanted.Count;
    }
}
