using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Distill.Dsl;
using Distill.Dsl.Diagnostics;
using Distill.Runtime;

namespace Distill.Cli.Tests;

/// <summary>docs/diagnostics: a page for every id, whose example really reports that id, printed by <c>distill explain DSTnnnn</c>.</summary>
public sealed class DiagnosticPageTests : System.IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Pages([CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "docs", "diagnostics"));

    /// <summary>The generator's own ids, read from its source so that a new one without a page fails here.</summary>
    private static string[] GeneratorIds([CallerFilePath] string path = "") =>
        Regex.Matches(File.ReadAllText(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "src", "Distill.Generators", "GeneratorDiagnostics.cs")), "\"(DST9[0-9]{3})\"")
            .Select(m => m.Groups[1].Value).Distinct().ToArray();

    [Fact]
    public void Every_diagnostic_id_has_a_page_listed_in_the_index()
    {
        string index = File.ReadAllText(Path.Combine(Pages(), "README.md"));
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).Concat(GeneratorIds()).ToList();
        Assert.Contains("DST9106", ids);
        Assert.All(ids, id =>
        {
            Assert.True(File.Exists(Path.Combine(Pages(), id + ".md")), $"docs/diagnostics/{id}.md is missing");
            Assert.Contains($"[{id}]({id}.md)", index);
        });
    }

    [Fact]
    public void Each_pages_example_reports_its_id_with_the_message_the_page_shows()
    {
        foreach (var descriptor in DiagnosticDescriptors.All.Where(d => d != DiagnosticDescriptors.InternalError))
        {
            string page = File.ReadAllText(Path.Combine(Pages(), descriptor.Id + ".md"));
            var example = Regex.Match(page, "```distill\n(.*?)```", RegexOptions.Singleline);
            Assert.True(example.Success, $"{descriptor.Id}.md has no example");
            // DST0207's page says its example is in a project that declares the taps embedding and features.
            var catalogue = descriptor == DiagnosticDescriptors.UnknownTap ? RuntimeCatalogue.BuiltIn.Catalogue.WithTaps(["embedding", "features"]) : RuntimeCatalogue.BuiltIn.Catalogue;
            var result = RecipeCompiler.Compile(example.Groups[1].Value, catalogue);
            var reported = result.Diagnostics.Where(d => d.Id == descriptor.Id).ToList();
            Assert.True(reported.Count > 0, $"the example of {descriptor.Id}.md reports {string.Join(", ", result.Diagnostics.Select(d => d.Id))}");
            Assert.Contains(": " + reported[0].Message, page);
        }
    }

    [Fact]
    public void Explain_with_an_id_prints_its_page()
    {
        var (exit, output, _) = _cli.Run("explain", "DST0202");

        Assert.Equal(0, exit);
        Assert.Equal("# DST0202: argument out of range", output[0]);
        Assert.Contains("ce + kd(T = 0)", output);
    }

    [Fact]
    public void Explain_with_an_unknown_id_says_where_the_list_is()
    {
        var (exit, _, error) = _cli.Run("explain", "DST0999");

        Assert.Equal(1, exit);
        Assert.Contains("no diagnostic DST0999", error);
    }
}
