namespace Distill.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void A_clean_recipe_exits_zero_with_only_the_summary()
    {
        string path = _cli.Write("ok.distill", "ce + 0.9 * kd(T = 4)\n");

        var (exit, output, error) = _cli.Run("check", path);

        Assert.Equal(0, exit);
        Assert.Equal(["1 recipe checked: 0 errors, 0 warnings."], output);
        Assert.Empty(error);
    }

    [Fact]
    public void Errors_print_in_canonical_form_and_exit_one()
    {
        string bad = _cli.Write("bad.distill", "ce + kd(temp = 2)\n  + warmup * kd\n");
        string good = _cli.Write("good.distill", "ce\n");

        var (exit, output, _) = _cli.Run("check", bad, good);

        Assert.Equal(1, exit);
        Assert.Equal(
            [$"{bad}(1,9): error DST0102: unknown parameter 'temp' for 'kd'; did you mean 'T'?",
             $"{bad}(2,5): error DST0205: 'warmup' needs exactly one of 'epochs' or 'steps'; add one of them",
             "2 recipes checked: 2 errors, 0 warnings."],
            output);
    }

    [Fact]
    public void Warnings_print_but_exit_zero()
    {
        string path = _cli.Write("warn.distill", "let x = 3\nce + kd\n");

        var (exit, output, _) = _cli.Run("check", path);

        Assert.Equal(0, exit);
        Assert.Equal([$"{path}(1,5): warning DST0401: let 'x' is never used; remove it", "1 recipe checked: 0 errors, 1 warning."], output);
    }

    [Fact]
    public void A_folder_is_searched_for_recipes_in_order()
    {
        _cli.Write("b/second.distill", "ce * kd\n");
        _cli.Write("a/first.distill", "kd\n");
        _cli.Write("a/notes.txt", "not a recipe");

        var (exit, output, _) = _cli.Run("check", _cli.Folder);

        Assert.Equal(1, exit);
        Assert.StartsWith(Path.Combine(_cli.Folder, "b", "second.distill") + "(1,", output[0]);
        Assert.Equal("2 recipes checked: 1 error, 0 warnings.", output[^1]);
    }

    [Fact]
    public void A_missing_file_is_an_error_on_stderr()
    {
        var (exit, _, error) = _cli.Run("check", Path.Combine(_cli.Folder, "nope.distill"));

        Assert.Equal(1, exit);
        Assert.Contains("nope.distill' is neither a recipe file nor a folder", error);
    }

    [Fact]
    public void User_terms_from_an_assembly_are_known_with_terms_option()
    {
        string path = _cli.Write("user.distill", "ce + user.scale(factor = 2)\n");
        string assembly = typeof(UserScaleTerm).Assembly.Location;

        var (without, _, _) = _cli.Run("check", path);
        var (with, output, _) = _cli.Run("check", path, "--terms", assembly);

        Assert.Equal((1, 0), (without, with));
        Assert.Equal(["1 recipe checked: 0 errors, 0 warnings."], output);
    }

    [Fact]
    public void A_tap_the_terms_assembly_does_not_declare_is_an_error_at_its_span()
    {
        string path = _cli.Write("taps.distill", "ce + sp(at = fetures) + sp(at = layer3)\n");
        string assembly = typeof(UserScaleTerm).Assembly.Location;

        var (without, _, _) = _cli.Run("check", path);
        var (with, output, _) = _cli.Run("check", path, "--terms", assembly);

        Assert.Equal((0, 1), (without, with));
        Assert.Equal($"{path}(1,14): error DST0207: unknown tap 'fetures' for 'at' of 'sp'; did you mean 'features'?", output[0]);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("explain")]
    [InlineData("demo")]
    public void Every_command_has_help(string command)
    {
        var (exit, output, _) = _cli.Run(command, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output);
        Assert.Contains(output, line => line.Contains($" {command} ", StringComparison.Ordinal) && line.EndsWith("[options]", StringComparison.Ordinal));
    }
}
