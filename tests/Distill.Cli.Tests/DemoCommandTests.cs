namespace Distill.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Explains_the_recipes_and_prints_the_per_term_table_of_one()
    {
        _cli.Write("kd.distill", "0.1 * ce + 0.9 * kd(T = 4)\n");

        var (exit, output, _) = _cli.Run("demo", "--recipes", _cli.Folder);

        Assert.Equal(0, exit);
        Assert.Contains("  total = 0.1 * ce + 0.9 * kd", output);
        Assert.Contains(output, l => l.StartsWith("  term ", StringComparison.Ordinal) && l.Contains("weighted", StringComparison.Ordinal));
        Assert.Contains(output, l => l.StartsWith("  ce ", StringComparison.Ordinal) && l.Contains("0.1", StringComparison.Ordinal));
        Assert.Contains(output, l => l.StartsWith("  total ", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_recipes_are_reported_and_skipped()
    {
        string bad = _cli.Write("a.distill", "ce * kd\n");
        _cli.Write("b.distill", "kd\n");

        var (exit, output, _) = _cli.Run("demo", "--recipes", _cli.Folder);

        Assert.Equal(0, exit);
        Assert.Contains(output, l => l.StartsWith($"{bad}(1,", StringComparison.Ordinal));
        Assert.Contains(output, l => l.EndsWith("b.distill on random inputs (batch 8, 10 classes, 16 features, training complete):", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_loadable_recipe_it_exits_one()
    {
        _cli.Write("a.distill", "ce * kd\n");

        var (exit, output, _) = _cli.Run("demo", "--recipes", _cli.Folder);

        Assert.Equal(1, exit);
        Assert.Equal("No recipe could be evaluated.", output[^1]);
    }

    [Fact]
    public void An_unknown_device_is_a_one_line_error()
    {
        var (exit, _, error) = _cli.Run("demo", "--device", "tpu");

        Assert.Equal(1, exit);
        Assert.Equal("distill: Unknown device 'tpu': use cpu, cuda or cuda:N.\n", error);
    }
}
