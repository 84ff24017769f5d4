using System.IO;

namespace Distill.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private string[] Tiny(string runs) =>
        ["--data", "shipped", "--limit", "256", "--epochs", "1", "--teacher-epochs", "1", "--batch", "64", "--out", runs];

    [Fact]
    public void Trains_teacher_and_both_students_and_prints_the_comparison()
    {
        string runs = Path.Combine(_cli.Folder, "demo");

        var (exit, output, error) = _cli.Run(["demo", .. Tiny(runs)]);

        Assert.True(exit == 0, error);
        Assert.Contains(output, l => l.Contains("model") && l.Contains("test accuracy") && l.Contains("final loss") && l.Contains("wall time"));
        Assert.Contains(output, l => l.Contains("teacher"));
        Assert.Contains(output, l => l.Contains("student (CE only)"));
        Assert.Contains(output, l => l.Contains("student (kd.distill)"));
        foreach (var run in new[] { "teacher", "ce", "distilled" })
        {
            Assert.True(File.Exists(Path.Combine(runs, run, "checkpoint.ckpt")), run);
            Assert.True(File.Exists(Path.Combine(runs, run, "epochs.csv")), run);
            Assert.True(File.Exists(Path.Combine(runs, run, "plots", "accuracy.png")), run);
        }
        Assert.Contains("0.9 * kd(T = 4)", File.ReadAllText(Path.Combine(runs, "distilled", "recipe.distill")));
    }

    [Fact]
    public void An_unknown_device_is_a_one_line_error()
    {
        var (exit, _, error) = _cli.Run(["demo", .. Tiny(_cli.Folder), "--device", "tpu"]);

        Assert.Equal(1, exit);
        Assert.Equal("distill: Unknown device 'tpu': use cpu, cuda or cuda:N.\n", error);
    }
}
