using System.Globalization;
using Distill.Cli.Runs;

namespace Distill.Cli.Tests;

public sealed class TensorBoardTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Event_files_hold_every_term_the_total_lr_and_epoch_metrics_and_a_resume_rewrites_them_once()
    {
        string run = Path.Combine(_cli.Folder, "run");
        string recipe = _cli.Write("kd.distill", "ce + 0.5 * kd(T = 2)\n");
        string[] tiny = ["--data", "shipped", "--limit", "128", "--teacher-epochs", "1", "--batch", "64"];
        Assert.Equal(0, _cli.Run(["train", recipe, .. tiny, "--epochs", "1", "--out", run]).Exit);
        var (exit, _, error) = _cli.Run("train", "--resume", run, "--epochs", "2");
        Assert.True(exit == 0, error);

        var files = Directory.GetFiles(Path.Combine(run, TensorBoard.FolderName), "events.out.tfevents.*");
        var (version, scalars) = EventFileReader.Read(Assert.Single(files));
        Assert.Equal("brain.Event:2", version);

        var steps = File.ReadAllLines(Path.Combine(run, "steps.csv"));
        var header = steps[0].Split(',');
        Assert.Equal(4, steps.Length - 1);
        foreach (var (column, tag) in new[] { ("total", "loss/total"), ("lr", "lr"), ("ce.raw", "term/ce/raw"), ("kd(T=2).raw", "term/kd(T=2)/raw"),
                                              ("kd(T=2).weighted", "term/kd(T=2)/weighted"), ("kd(T=2).weight", "term/kd(T=2)/weight") })
        {
            int c = Array.IndexOf(header, column);
            var expected = steps.Skip(1).Select(l => l.Split(',')).Select(v => (long.Parse(v[0], CultureInfo.InvariantCulture), (float)double.Parse(v[c], CultureInfo.InvariantCulture)));
            Assert.Equal(expected, scalars.Where(s => s.Tag == tag).Select(s => (s.Step, s.Value)));
        }
        var epochs = File.ReadAllLines(Path.Combine(run, "epochs.csv"));
        var columns = epochs[0].Split(',');
        foreach (var name in new[] { "train_loss", "train_accuracy", "test_accuracy", "test_loss" })
        {
            int c = Array.IndexOf(columns, name);
            var expected = epochs.Skip(1).Select(l => (float)double.Parse(l.Split(',')[c], CultureInfo.InvariantCulture));
            var written = scalars.Where(s => s.Tag == "epoch/" + name).ToList();
            Assert.Equal(new long[] { 2, 4 }, written.Select(s => s.Step));
            Assert.Equal(expected, written.Select(s => s.Value));
        }
    }
}
