using System.Globalization;
using Distill.Cli.Commands;
using Distill.Cli.Runs;

namespace Distill.Cli.Tests;

public sealed class SweepAndEvalTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string[] Tiny => ["--data", "shipped", "--limit", "128", "--teacher-epochs", "1", "--batch", "64", "--epochs", "2"];

    [Fact]
    public void A_sweep_runs_the_grid_tabulates_mean_and_sd_and_skips_finished_runs_when_run_again()
    {
        string recipe = _cli.Write("kd.distill", "ce + 0.5 * kd(T = 4)\n");
        string folder = Path.Combine(_cli.Folder, "sweep");

        var (exit, output, error) = _cli.Run(["sweep", recipe, "--seeds", "1..2", "--set", "kd.T=2,8", .. Tiny, "--out", folder]);

        Assert.True(exit == 0, error);
        foreach (var run in new[] { "kd.T=2/seed-1", "kd.T=2/seed-2", "kd.T=8/seed-1", "kd.T=8/seed-2" })
            Assert.True(File.Exists(Path.Combine(folder, run, "checkpoint.ckpt")), run);
        Assert.Contains("kd(T = 8)", RunRecord.Load(Path.Combine(folder, "kd.T=8", "seed-2")).Recipe);
        Assert.Equal(2, RunRecord.Load(Path.Combine(folder, "kd.T=8", "seed-2")).Settings.Seed);

        // The table's numbers, recomputed here from each run's epochs.csv.
        var csv = File.ReadAllLines(Path.Combine(folder, "summary.csv"));
        Assert.Equal(3, csv.Length);
        var row = csv[1].Split(',');
        Assert.Equal("kd.T=2", row[0]);
        var last = new[] { 1, 2 }.Select(s => LastAccuracy(Path.Combine(folder, "kd.T=2", $"seed-{s}"))).ToArray();
        double mean = (last[0] + last[1]) / 2, sd = Math.Abs(last[0] - last[1]) / Math.Sqrt(2);
        Assert.Equal(mean, double.Parse(row[2], CultureInfo.InvariantCulture), 12);
        Assert.Equal(sd, double.Parse(row[3], CultureInfo.InvariantCulture), 12);
        Assert.Contains("| kd.T=8 | 2 |", File.ReadAllText(Path.Combine(folder, "summary.md")));

        (exit, output, error) = _cli.Run(["sweep", recipe, "--seeds", "1..2", "--set", "kd.T=2,8", .. Tiny, "--out", folder]);
        Assert.True(exit == 0, error);
        Assert.Equal(4, output.Count(l => l.EndsWith(", skipped")));
        Assert.Equal(csv, File.ReadAllLines(Path.Combine(folder, "summary.csv")));
    }

    private static double LastAccuracy(string run)
    {
        var lines = File.ReadAllLines(Path.Combine(run, "epochs.csv"));
        int c = Array.IndexOf(lines[0].Split(','), "test_accuracy");
        return double.Parse(lines[^1].Split(',')[c], CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Eval_of_a_run_folder_reproduces_the_runs_last_test_accuracy_and_loss_for_student_and_teacher()
    {
        string recipe = _cli.Write("kd.distill", "ce + kd\n");
        string run = Path.Combine(_cli.Folder, "run");
        Assert.Equal(0, _cli.Run(["train", recipe, .. Tiny, "--out", run]).Exit);

        var (exit, output, error) = _cli.Run("eval", run);

        Assert.True(exit == 0, error);
        var epochs = File.ReadAllLines(Path.Combine(run, "epochs.csv"));
        var columns = epochs[0].Split(',');
        var values = epochs[^1].Split(',');
        double accuracy = double.Parse(values[Array.IndexOf(columns, "test_accuracy")], CultureInfo.InvariantCulture);
        double loss = double.Parse(values[Array.IndexOf(columns, "test_loss")], CultureInfo.InvariantCulture);
        Assert.Contains(output, l => l.StartsWith($"student: test accuracy {Human.Percent(accuracy)}, test loss {Human.Number(loss)} on 128 images"));
        Assert.Contains(output, l => l.StartsWith("teacher: test accuracy "));

        (exit, output, error) = _cli.Run("eval", Path.Combine(run, "checkpoint.ckpt"), "--data", "shipped");
        Assert.True(exit == 0, error);
        Assert.Contains(output, l => l.StartsWith("student: test accuracy ") && l.Contains("on 2,000 images"));
    }

    [Theory]
    [InlineData("1..3", new[] { 1, 2, 3 })]
    [InlineData("4,9", new[] { 4, 9 })]
    public void Seeds_are_a_range_or_a_list(string text, int[] seeds) => Assert.Equal(seeds, SweepCommand.Seeds(text));

    [Fact]
    public void The_grid_is_every_combination_and_keeps_commas_inside_parentheses()
    {
        var grid = SweepCommand.Grid(["kd.T=2,4", "kd.weight=linear(0, 1),0.5"]);
        Assert.Equal(["kd.T=2 kd.weight=linear(0, 1)", "kd.T=2 kd.weight=0.5", "kd.T=4 kd.weight=linear(0, 1)", "kd.T=4 kd.weight=0.5"], grid.Select(s => s.Label));
    }
}
