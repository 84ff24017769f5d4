namespace Distill.Cli.Tests;

public sealed class ExplainCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Shows_the_sum_each_term_with_defaults_marked_and_the_required_inputs()
    {
        string path = _cli.Write("r.distill", "ce + 0.9 * kd(T = 2) + 0.5 * warmup(epochs = 5) * kd\n");

        var (exit, output, _) = _cli.Run("explain", path);

        Assert.Equal(0, exit);
        Assert.Equal(path, output[0]);
        Assert.Equal("  total = ce + 0.9 * kd(T=2) + 0.5 * warmup(epochs = 5) * kd", output[1]);
        Assert.Contains("      params    label_smoothing = 0      (default; [0, 1))", output);
        Assert.Contains("      params    T = 2                    (> 0)", output);
        Assert.Contains("      params    T = 4                    (default; > 0)", output);
        Assert.Contains("      weight    0.5 x warmup(epochs = 5) (by training progress)", output);
        Assert.Contains("      schedule  warmup.epochs = 5        (> 0; one of epochs | steps)", output);
        Assert.Contains("      inputs    StudentLogits, TeacherLogits", output);
        Assert.Equal("  required inputs: Labels (int64 class indices), StudentLogits, TeacherLogits", output[^1]);
    }

    [Fact]
    public void Numbers_the_terms_in_recipe_order()
    {
        string path = _cli.Write("r.distill", "kd - 0.5 * ce\n");

        var (_, output, _) = _cli.Run("explain", path);

        Assert.Equal("  total = kd - 0.5 * ce", output[1]);
        Assert.Equal(["  [1] kd", "  [2] ce"], output.Where(l => l.StartsWith("  [", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_recipe_with_errors_prints_them_and_exits_one()
    {
        string path = _cli.Write("bad.distill", "ce * kd\n");

        var (exit, output, _) = _cli.Run("explain", path);

        Assert.Equal(1, exit);
        Assert.StartsWith($"{path}(1,", Assert.Single(output));
    }
}
