using System.IO;
using Distill.Cli.Demo;
using Spectre.Console;

namespace Distill.Cli.Tests;

public sealed class DemoSummaryTests
{
    private static ModelResult Run(string model, int seed, double accuracy, double loss = 0.5, double seconds = 10) =>
        new(model, seed, 1000, accuracy, loss, seconds);

    private static readonly ModelResult Teacher = new("teacher", 0, 5000, 0.876, 0.35, 0);

    [Fact]
    public void One_seed_gain_and_share_of_the_gap_are_computed_from_the_runs()
    {
        // Gap 87.6 - 83.0 = 4.6 points; gain 84.9 - 83.0 = 1.9 points; 1.9 / 4.6 = 41.3 %.
        var summary = DemoSummary.Of(Teacher, [Run("CE only", 1, 0.830)], [[Run("kd.distill", 1, 0.849)]]);

        Assert.Equal(0.046, summary.Gap, 12);
        var c = summary.Distilled[0].Comparison;
        Assert.Equal(0.019, c.Gain.Mean, 12);
        Assert.Equal(1, c.Wins);
        Assert.Equal(0.019 / 0.046, c.GapShare, 12);
        Assert.Equal("teacher − student (CE only): +4.60 points", DemoReport.GapLine(summary));
        Assert.Equal("kd.distill vs CE only: +1.90 points, 41 % of the gap", DemoReport.GainLine(c, summary.Gap));
    }

    [Fact]
    public void Several_seeds_give_mean_sd_and_wins_of_the_paired_differences()
    {
        // CE 80, 82 (mean 81); KD 83, 82: differences +3, 0 (mean 1.5, sd sqrt(2 * 1.5^2 / 1) = 2.1213);
        // gap 87.6 - 81 = 6.6 points; 1.5 / 6.6 = 22.7 %; a tie is not a win.
        var summary = DemoSummary.Of(Teacher, [Run("CE only", 1, 0.80), Run("CE only", 2, 0.82)],
                                     [[Run("kd.distill", 2, 0.82), Run("kd.distill", 1, 0.83)]]);

        var c = summary.Distilled[0].Comparison;
        Assert.Equal(0.015, c.Gain.Mean, 12);
        Assert.Equal(0.0212132034, c.Gain.Sd, 9);
        Assert.Equal(0.825, c.Accuracy.Mean, 12);
        Assert.Equal(1, c.Wins);
        Assert.Equal("kd.distill vs CE only: +1.50 ± 2.12 points (better on 1 of 2 seeds), 23 % of the gap", DemoReport.GainLine(c, summary.Gap));
        Assert.Equal(0.81, summary.BaselineAccuracy.Mean, 12);
        Assert.Equal(0.0141421356, summary.BaselineAccuracy.Sd, 9);
    }

    [Fact]
    public void A_loss_is_negative_and_a_teacher_no_better_has_no_gap_to_close()
    {
        var weak = Teacher with { Accuracy = 0.80 };
        var summary = DemoSummary.Of(weak, [Run("CE only", 1, 0.81)], [[Run("x.distill", 1, 0.805)]]);

        Assert.Equal("x.distill vs CE only: -0.50 points, no teacher–student gap to close", DemoReport.GainLine(summary.Distilled[0].Comparison, summary.Gap));
    }

    [Fact]
    public void Runs_of_other_seeds_than_the_baseline_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => DemoSummary.Of(Teacher, [Run("CE only", 1, 0.8), Run("CE only", 2, 0.8)],
                                                                     [[Run("kd.distill", 1, 0.8), Run("kd.distill", 3, 0.8)]]));
        Assert.Contains("kd.distill", e.Message);
        Assert.Throws<ArgumentException>(() => DemoSummary.Of(Teacher, [Run("CE only", 1, 0.8), Run("CE only", 1, 0.81)], []));
    }

    [Fact]
    public void The_tables_print_every_model_and_seed_with_the_same_loss_measure()
    {
        var summary = DemoSummary.Of(Teacher, [Run("CE only", 1, 0.80, 0.61, 20), Run("CE only", 2, 0.82, 0.59, 22)],
                                     [[Run("kd.distill", 1, 0.83, 0.50, 40), Run("kd.distill", 2, 0.82, 0.52, 44)]]);
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        DemoReport.Widen(console);

        DemoReport.Write(console, summary, "test", "shipped");

        string[] lines = text.ToString().Split('\n');
        Assert.Contains(lines, l => l.Contains("final loss (test CE)"));
        Assert.Contains(lines, l => l.Contains("teacher") && l.Contains("5,000") && l.Contains("87.60 %") && l.Contains("0.3500") && l.Contains("shipped"));
        Assert.Contains(lines, l => l.Contains("student (CE only)") && l.Contains("81.00 % ± 1.41") && l.Contains("0.6000") && l.Contains("mean 21 s"));
        Assert.Contains(lines, l => l.Contains("student (kd.distill)") && l.Contains("82.50 % ± 0.71") && l.Contains("0.5100") && l.Contains("mean 42 s"));
        Assert.Contains(lines, l => l.Contains("│ 1 ") && l.Contains("80.00 %") && l.Contains("83.00 % (+3.00)"));
        Assert.Contains(lines, l => l.Contains("│ 2 ") && l.Contains("82.00 %") && l.Contains("82.00 % (+0.00)"));
        Assert.Contains(lines, l => l == "teacher − student (CE only): +6.60 points");
    }

    [Theory]
    [InlineData("1..5", new[] { 1, 2, 3, 4, 5 })]
    [InlineData("3", new[] { 3 })]
    [InlineData(" 1, 3,7 ", new[] { 1, 3, 7 })]
    [InlineData("-1..1", new[] { -1, 0, 1 })]
    public void Seed_lists_parse_as_ranges_or_comma_lists(string text, int[] seeds) =>
        Assert.Equal(seeds, SeedList.Parse(text));

    [Theory]
    [InlineData("5..1", "ends (1) before it starts (5)")]
    [InlineData("1..x", "'x' is not an integer")]
    [InlineData("1,,2", "'' is not an integer")]
    [InlineData("1,2,1", "listed twice")]
    [InlineData("1..1000", "at most 100 seeds")]
    public void Bad_seed_lists_say_what_is_wrong(string text, string why)
    {
        var e = Assert.Throws<ArgumentException>(() => SeedList.Parse(text));
        Assert.Contains($"--seeds '{text}'", e.Message);
        Assert.Contains(why, e.Message);
    }
}
