using System.Globalization;
using System.IO;
using Distill.Cli.Demo;

namespace Distill.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string[] Tiny(string runs) =>
        ["--data", "shipped", "--limit", "256", "--student-images", "128", "--epochs", "1", "--batch", "64", "--out", runs];

    /// <summary>The last epoch's evaluation accuracy a run wrote to its epochs.csv.</summary>
    private static double Accuracy(string runs, string run)
    {
        var lines = File.ReadAllLines(Path.Combine(runs, run, "epochs.csv"));
        int column = System.Array.IndexOf(lines[0].Split(','), "test_accuracy");
        return double.Parse(lines[^1].Split(',')[column], CultureInfo.InvariantCulture);
    }

    private static string Points(double fraction) => (fraction * 100).ToString("+0.00;-0.00;+0.00", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("F2", CultureInfo.InvariantCulture) + " %";

    [Fact]
    public void The_table_and_gap_lines_are_computed_from_the_runs_it_trained()
    {
        string runs = Path.Combine(_cli.Folder, "demo");

        var (exit, output, error) = _cli.Run(["demo", .. Tiny(runs), "--teacher-epochs", "1"]);

        Assert.True(exit == 0, error);
        Assert.Contains(output, l => l.Contains("model") && l.Contains("test accuracy") && l.Contains("final loss (test CE)") && l.Contains("wall time"));
        Assert.Contains(output, l => l.Contains("students train on the first 128 of 256 training images; test: 256 images"));
        foreach (var run in new[] { "teacher", "ce-s1", "kd-s1" })
        {
            Assert.True(File.Exists(Path.Combine(runs, run, "checkpoint.ckpt")), run);
            Assert.True(File.Exists(Path.Combine(runs, run, "plots", "accuracy.png")), run);
        }
        Assert.Contains("0.9 * kd(T = 4)", File.ReadAllText(Path.Combine(runs, "kd-s1", "recipe.distill")));
        double teacher = Accuracy(runs, "teacher"), ce = Accuracy(runs, "ce-s1"), kd = Accuracy(runs, "kd-s1");
        Assert.Contains(output, l => l.Contains("│ teacher ") && l.Contains("354,") && l.Contains(Percent(teacher)));
        Assert.Contains(output, l => l.Contains("student (CE only)") && l.Contains("62,754") && l.Contains(Percent(ce)));
        Assert.Contains(output, l => l.Contains("student (kd.distill)") && l.Contains("62,754") && l.Contains(Percent(kd)));
        Assert.Contains($"teacher − student (CE only): {Points(teacher - ce)} points", output);
        Assert.Contains(output, l => l.StartsWith($"kd.distill vs CE only: {Points(kd - ce)} points, ", StringComparison.Ordinal));
    }

    [Fact]
    public void Several_seeds_and_recipes_print_every_seed_against_the_shipped_teacher()
    {
        string runs = Path.Combine(_cli.Folder, "demo");
        string rkd = Path.Combine(AppContext.BaseDirectory, "presets", "rkd.distill");

        var (exit, output, error) = _cli.Run(["demo", .. Tiny(runs), "--seeds", "1..2", "--recipe", DemoCommandRecipe("kd"), rkd]);

        Assert.True(exit == 0, error);
        Assert.Contains(output, l => l.StartsWith("teacher: ") && l.Contains(ShippedTeacher.Sha256[..12]) && l.Contains("verified") && l.Contains("60,000 Fashion-MNIST training images"));
        Assert.False(Directory.Exists(Path.Combine(runs, "teacher")));
        foreach (int seed in new[] { 1, 2 })
        {
            double ce = Accuracy(runs, $"ce-s{seed}");
            Assert.Contains(output, l => l.StartsWith($"│ {seed} ") && l.Contains(Percent(ce))
                                         && l.Contains($"{Percent(Accuracy(runs, $"kd-s{seed}"))} ({Points(Accuracy(runs, $"kd-s{seed}") - ce)})")
                                         && l.Contains($"{Percent(Accuracy(runs, $"rkd-s{seed}"))} ({Points(Accuracy(runs, $"rkd-s{seed}") - ce)})"));
        }
        Assert.Contains(output, l => l.StartsWith("kd.distill vs CE only: ") && l.Contains(" of 2 seeds)"));
        Assert.Contains(output, l => l.StartsWith("rkd.distill vs CE only: ") && l.Contains(" of 2 seeds)"));
    }

    private static string DemoCommandRecipe(string preset) => Path.Combine(AppContext.BaseDirectory, "presets", preset + ".distill");

    [Fact]
    public void A_validation_hold_out_replaces_the_test_split()
    {
        string runs = Path.Combine(_cli.Folder, "demo");

        var (exit, output, error) = _cli.Run(["demo", .. Tiny(runs), "--validation", "64"]);

        Assert.True(exit == 0, error);
        Assert.Contains(output, l => l.Contains("students train on the first 128 of 192 training images; validation: 64 images (the last training images; the test split is not used)"));
        Assert.Contains(output, l => l.Contains("validation accuracy") && l.Contains("final loss (validation CE)"));
    }

    [Fact]
    public void An_unknown_device_is_a_one_line_error()
    {
        var (exit, _, error) = _cli.Run(["demo", .. Tiny(_cli.Folder), "--device", "tpu"]);

        Assert.Equal(1, exit);
        Assert.Equal("distill: Unknown device 'tpu': use cpu, cuda or cuda:N.\n", error);
    }

    [Fact]
    public void Bad_seeds_and_a_validation_split_larger_than_the_data_are_one_line_errors()
    {
        var (exit, _, error) = _cli.Run(["demo", .. Tiny(_cli.Folder), "--seeds", "3..1"]);
        Assert.Equal(1, exit);
        Assert.StartsWith("distill: --seeds '3..1': the range ends (1) before it starts (3)", error);

        (exit, _, error) = _cli.Run(["demo", .. Tiny(_cli.Folder), "--validation", "256"]);
        Assert.Equal(1, exit);
        Assert.Equal("distill: --validation 256 leaves no training images (there are 256).\n", error);
    }
}
