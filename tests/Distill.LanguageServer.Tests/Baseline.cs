using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Distill.LanguageServer.Tests;

/// <summary>Checked-in JSON answers of the server (Baselines/*.json); DISTILL_UPDATE_BASELINES=1 rewrites them.</summary>
public static class Baseline
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Match(string name, JsonNode? actual, [CallerFilePath] string source = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(source)!, "Baselines", name + ".json");
        string text = (actual?.ToJsonString(Indented) ?? "null").Replace("\r\n", "\n") + "\n";
        if (Environment.GetEnvironmentVariable("DISTILL_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(path, text);
            return;
        }
        Assert.True(File.Exists(path), $"{path} is missing; run with DISTILL_UPDATE_BASELINES=1");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), text);
    }
}
