using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Distill.Training.Models;

namespace Distill.Training.Tests;

public sealed class ExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("distill-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_pt_export_loads_in_PyTorch_with_the_same_keys_and_values()
    {
        using var model = SmallNets.Create(4, 7);
        string path = Path.Combine(_dir, "student.pt");
        ModelExport.Save(model, path);
        // Debian's python3-torch (see .ci/run): the file must be what torch.load reads.
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "import sys, torch; sd = torch.load(sys.argv[1]); print(';'.join(f'{k}={v.double().sum().item()!r}' for k, v in sd.items()))", path })
            start.ArgumentList.Add(arg);
        using var python = Process.Start(start)!;
        string output = python.StandardOutput.ReadToEnd(), error = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, error);
        var loaded = output.Trim().Split(';').Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], System.Globalization.CultureInfo.InvariantCulture));
        var ours = model.state_dict();
        Assert.Equal(ours.Keys.Order(), loaded.Keys.Order());
        foreach (var (key, tensor) in ours)
            Assert.Equal(tensor.to_type(TorchSharp.torch.ScalarType.Float64).sum().item<double>(), loaded[key], 9);
    }

    [Fact]
    public void A_safetensors_export_has_every_key_in_its_header_and_loads_back()
    {
        using var model = SmallNets.Create(4, 7);
        string path = Path.Combine(_dir, "student.safetensors");
        ModelExport.Save(model, path);
        // The format: an 8-byte little-endian header length, then a JSON header naming every tensor.
        var bytes = File.ReadAllBytes(path);
        long length = BitConverter.ToInt64(bytes, 0);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)length));
        var names = header.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "__metadata__").Order().ToList();
        Assert.Equal(model.state_dict().Keys.Order(), names);
        Assert.Equal("F32", header.RootElement.GetProperty("fc.weight").GetProperty("dtype").GetString());

        using var again = SmallNets.Create(4, 8);
        Assert.NotEqual(Runs.Flat(model), Runs.Flat(again));
        ModelExport.Load(again, path);
        Assert.Equal(Runs.Flat(model), Runs.Flat(again));
    }

    [Fact]
    public void Exporting_to_an_unknown_extension_is_refused_naming_the_formats()
    {
        using var model = SmallNets.Create(4, 7);
        var e = Assert.Throws<ArgumentException>(() => ModelExport.Save(model, Path.Combine(_dir, "student.onnx")));
        Assert.Contains(".safetensors, .pt, .pth or .bin", e.Message);
    }

    [Fact]
    public void The_ConvNet_keeps_the_parameter_names_of_every_model_file_written_so_far()
    {
        // As printed by the ConvNet before its taps became modules (commit 2cd1f4d): teacher files shipped then must still load.
        string[] before =
        [
            "conv1.weight", "bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias", "fc.weight", "bnfc.weight", "bnfc.bias",
            "head.weight", "head.bias", "projection.0.weight", "projection.0.bias", "projection.2.weight", "projection.2.bias",
            "logVar.linear.weight", "logVar.linear.bias", "logVar.norm.weight", "logVar.norm.bias", "bn1.running_mean", "bn1.running_var",
            "bn1.num_batches_tracked", "bn2.running_mean", "bn2.running_var", "bn2.num_batches_tracked", "bnfc.running_mean",
            "bnfc.running_var", "bnfc.num_batches_tracked", "logVar.norm.running_mean", "logVar.norm.running_var", "logVar.norm.num_batches_tracked",
        ];
        using var model = new ConvNet(ConvNetSpec.Student);
        Assert.Equal(before.Order(), model.state_dict().Keys.Order());
    }
}
