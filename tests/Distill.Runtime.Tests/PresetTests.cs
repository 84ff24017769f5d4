using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Distill.Runtime.Tests;

/// <summary>presets/*.distill: each paper's published recipe, which must compile cleanly and cite its source.</summary>
public class PresetTests
{
    public static IEnumerable<object[]> Presets() =>
        Directory.GetFiles(PresetDirectory(), "*.distill").OrderBy(p => p, StringComparer.Ordinal).Select(p => new object[] { Path.GetFileName(p) });

    [Theory]
    [MemberData(nameof(Presets))]
    public void Preset_compiles_without_errors_or_warnings(string file)
    {
        var result = Objective.TryLoad(Path.Combine(PresetDirectory(), file));

        Assert.True(result.Diagnostics.Count == 0, string.Join(Environment.NewLine, result.FormattedDiagnostics));
        Assert.NotEmpty(result.Objective!.Terms);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Preset_opens_with_a_comment_citing_its_paper(string file)
    {
        var header = File.ReadLines(Path.Combine(PresetDirectory(), file)).TakeWhile(l => l.StartsWith('#')).ToList();

        Assert.NotEmpty(header);
        Assert.Matches(new Regex(@"\b(19|20)\d\d\b"), string.Join(" ", header));
    }

    [Fact]
    public void Presets_together_use_every_built_in_term()
    {
        var used = Directory.GetFiles(PresetDirectory(), "*.distill")
            .SelectMany(p => Objective.Load(p).Terms.Select(t => t.Term.GetType()))
            .ToHashSet();
        var builtIn = RuntimeCatalogue.BuiltIn.Catalogue.Terms.Select(t => t.ClrType).ToHashSet();

        Assert.Equal(builtIn.OrderBy(n => n), used.Select(t => t.FullName!).OrderBy(n => n));
    }

    [Fact]
    public void The_design_documents_example_compiles_as_written()
    {
        var objective = Objective.Parse("ce + 0.9*kd(T=4) + sskd(topk=0.75) + rkd.angle*2");

        Assert.Equal([("ce", 1.0), ("kd", 0.9), ("sskd", 1.0), ("rkd.angle", 2.0)], objective.Terms.Select(t => (t.Name, t.Weight)));
    }

    private static string PresetDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Distill.sln"))) return Path.Combine(dir.FullName, "presets");
        throw new DirectoryNotFoundException("Distill.sln not found above " + AppContext.BaseDirectory);
    }
}
