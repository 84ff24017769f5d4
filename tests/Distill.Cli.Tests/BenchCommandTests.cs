using Distill.Cli.Bench;
using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Cli.Tests;

public sealed class BenchCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static long[] Rows(string recipe, string input, long n)
    {
        var objective = Objective.Parse(recipe);
        using var generator = new Generator(0, CPU);
        return BenchInputs.For(objective.Recipe, new BenchShape(n, 100, 128, ScalarType.Float32), generator)[input].shape;
    }

    [Fact]
    public void Prints_the_machine_and_a_row_per_term_the_sum_and_the_total()
    {
        var (exit, output, _) = _cli.Run("bench", "ce + 0.5 * kd(T = 4) + 0 * sp", "--batch", "8", "16", "--reps", "1", "--warmup", "0", "--memory");

        Assert.Equal(0, exit);
        Assert.Contains(output, l => l.StartsWith("TorchSharp ", StringComparison.Ordinal) && l.Contains("threads=2", StringComparison.Ordinal) && l.Contains("allocator: ", StringComparison.Ordinal));
        Assert.Contains("| term | N=8 (ms) | N=16 (ms) |", output);
        Assert.Equal(["ce", "kd", "sum of terms", "total (one graph)"],
            output.Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| term", StringComparison.Ordinal)).Select(l => l.Split('|')[1].Trim()));
        Assert.Equal(2, output.Count(l => l.Contains("peak RSS (VmHWM)", StringComparison.Ordinal)));
    }

    [Fact]
    public void Training_steps_report_rss_at_step_100_and_the_growth()
    {
        var (exit, output, _) = _cli.Run("bench", "rkd.distance + seed(queue = 64)", "--batch", "8", "--dim", "4", "--steps", "200");

        Assert.Equal(0, exit);
        Assert.Contains(output, l => l.StartsWith("step    100: RSS ", StringComparison.Ordinal));
        Assert.Contains(output, l => l.StartsWith("RSS growth from step 100 to step 200: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_recipe_that_does_not_compile_prints_its_diagnostics_and_exits_one()
    {
        var (exit, output, _) = _cli.Run("bench", "ce * kd", "--reps", "1");

        Assert.Equal(1, exit);
        Assert.Contains(output, l => l.Contains("error DST", StringComparison.Ordinal));
    }

    [Fact]
    public void Sskd_alone_reads_the_rows_as_a_quarter_as_many_images_times_four()
    {
        Assert.Equal([64L, 100], Rows("sskd", "StudentRotatedLogits", 64));
        Assert.Equal([16L], Rows("sskd", "Labels", 64));
    }

    [Fact]
    public void Beside_ce_the_batch_is_n_images_with_four_rotated_rows_each()
    {
        Assert.Equal([64L, 100], Rows("ce + sskd", "StudentLogits", 64));
        Assert.Equal([64L], Rows("ce + sskd", "Labels", 64));
        Assert.Equal([256L, 128], Rows("ce + sskd", "StudentRotatedProjection", 64));
    }
}
