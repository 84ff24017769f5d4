using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Distill.Runtime.Tests.Golden;

/// <summary>One shared/golden/*.json file (schema kd-golden/1), read once per test run.</summary>
public sealed class GoldenFile
{
    private static readonly Dictionary<string, GoldenFile> Cache = new(StringComparer.Ordinal);

    private GoldenFile(string term, IReadOnlyList<string> gradInputs, IReadOnlyList<GoldenCase> cases)
    {
        Term = term;
        GradInputs = gradInputs;
        Cases = cases;
    }

    public string Term { get; }
    public IReadOnlyList<string> GradInputs { get; }
    public IReadOnlyList<GoldenCase> Cases { get; }

    public GoldenCase Case(string name) => Cases.Single(c => c.Name == name);

    public static GoldenFile Load(string term) => LoadPath(term, Path.Combine(SharedDirectory(), "golden", term + ".json"));

    /// <summary>A golden file kept in this repository (tests/Distill.Runtime.Tests/Golden, copied beside the binaries).</summary>
    public static GoldenFile LoadLocal(string name) => LoadPath("local/" + name, Path.Combine(AppContext.BaseDirectory, "Golden", name + ".json"));

    private static GoldenFile LoadPath(string term, string path)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(term, out var file)) return file;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var grads = root.GetProperty("grad_inputs").EnumerateArray().Select(e => e.GetString()!).ToList();
            var cases = root.GetProperty("cases").EnumerateArray().Select(GoldenCase.Parse).ToList();
            return Cache[term] = new GoldenFile(term, grads, cases);
        }
    }

    /// <summary>xunit theory data: the case names of one file.</summary>
    public static IEnumerable<object[]> CaseNames(string term) => Load(term).Cases.Select(c => new object[] { c.Name });

    /// <summary>
    /// The shared folder: $DISTILL_SHARED, else the first <c>dir/shared</c> or <c>dir/../shared</c>
    /// with a golden folder, walking up from the test binaries.
    /// </summary>
    public static string SharedDirectory()
    {
        var env = Environment.GetEnvironmentVariable("DISTILL_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared"), Path.Combine(dir.FullName, "..", "shared") })
                if (Directory.Exists(Path.Combine(candidate, "golden"))) return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("shared/golden not found above " + AppContext.BaseDirectory + "; set DISTILL_SHARED.");
    }
}
