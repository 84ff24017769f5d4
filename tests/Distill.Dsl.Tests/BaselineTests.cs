using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Distill.Dsl.Diagnostics;

namespace Distill.Dsl.Tests;

/// <summary>
/// Each Baselines/*.distill is compiled and rendered next to its source lines; the result must
/// equal the checked-in .diagnostics file. Set DISTILL_UPDATE_BASELINES=1 to rewrite them.
/// </summary>
public class BaselineTests
{
    private static string Directory([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Baselines");

    public static IEnumerable<object[]> Files() =>
        System.IO.Directory.GetFiles(Directory(), "*.distill").OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Files))]
    public void Diagnostics_match_the_baseline(string file)
    {
        string text = File.ReadAllText(Path.Combine(Directory(), file)).Replace("\r\n", "\n");
        // taps*.distill: a project that declares its models' taps, so tap arguments are checked.
        var catalogue = file.StartsWith("taps", StringComparison.Ordinal) ? TestCatalogue.Instance.WithTaps(TestCatalogue.DeclaredTaps) : TestCatalogue.Instance;
        string actual = BaselineRenderer.Render(text, RecipeCompiler.Compile(text, catalogue));
        string baseline = Path.ChangeExtension(Path.Combine(Directory(), file), ".diagnostics");
        if (Environment.GetEnvironmentVariable("DISTILL_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(baseline, actual);
            return;
        }
        Assert.True(File.Exists(baseline), $"{baseline} is missing; run with DISTILL_UPDATE_BASELINES=1");
        Assert.Equal(File.ReadAllText(baseline).Replace("\r\n", "\n"), actual);
    }

    [Fact]
    public void Every_diagnostic_id_appears_in_some_baseline()
    {
        var shown = System.IO.Directory.GetFiles(Directory(), "*.diagnostics").SelectMany(File.ReadAllLines).ToList();
        var missing = DiagnosticDescriptors.All
            .Where(d => d != DiagnosticDescriptors.InternalError)
            .Where(d => !shown.Any(line => line.Contains($" {d.Id}: ")))
            .Select(d => d.Id);
        Assert.Empty(missing);
    }

    [Fact]
    public void Diagnostic_ids_are_unique_and_well_formed()
    {
        Assert.Equal(DiagnosticDescriptors.All.Count, DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
        Assert.All(DiagnosticDescriptors.All, d => Assert.Matches("^DST[0-9]{4}$", d.Id));
    }
}
