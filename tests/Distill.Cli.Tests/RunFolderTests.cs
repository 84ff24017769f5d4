using Distill.Cli.Runs;

namespace Distill.Cli.Tests;

/// <summary>Run folders: refused when taken, locked while used, resumed from the folder alone, and refused when the resume would change the run.</summary>
public sealed class RunFolderTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Run => Path.Combine(_cli.Folder, "run");

    private static string[] Tiny => ["--data", "shipped", "--limit", "128", "--teacher-epochs", "1", "--batch", "64"];

    private (int Exit, string[] Output, string Error) Train(string recipe, params string[] more) =>
        _cli.Run(["train", _cli.Write(recipe + ".distill", recipe == "kd" ? "ce + kd\n" : "ce\n"), .. Tiny, "--epochs", "1", "--out", Run, .. more]);

    [Fact]
    public void A_second_run_into_a_used_folder_is_refused_and_force_starts_over()
    {
        Assert.Equal(0, Train("ce").Exit);
        string before = File.ReadAllText(Path.Combine(Run, "epochs.csv"));

        var (exit, _, error) = Train("ce");
        Assert.Equal(1, exit);
        Assert.Contains("the run folder is not empty", error);
        Assert.Contains("--resume", error);
        Assert.Contains("--force", error);
        Assert.Equal(before, File.ReadAllText(Path.Combine(Run, "epochs.csv")));

        File.WriteAllText(Path.Combine(Run, "notes.txt"), "mine");
        var forced = Train("ce", "--force", "--seed", "2");
        Assert.True(forced.Exit == 0, forced.Error);
        Assert.Contains("\"seed\": 2", File.ReadAllText(Path.Combine(Run, "run.json")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Run, "notes.txt")));
    }

    [Fact]
    public void A_folder_in_use_by_another_command_is_refused()
    {
        using (RunFolder.Open(Run, FolderMode.Fresh))
        {
            var (exit, _, error) = Train("ce");
            Assert.Equal(1, exit);
            Assert.Contains("another distill command is using this run folder", error);
        }
        Assert.Equal(0, Train("ce").Exit);
        Assert.False(File.Exists(Path.Combine(Run, RunFolder.LockFileName)), "the lock is gone after the run");
    }

    [Fact]
    public void Resume_needs_only_the_folder_and_may_raise_the_epochs()
    {
        Assert.Equal(0, Train("kd", "--seed", "5").Exit);

        var (exit, output, error) = _cli.Run("train", "--resume", Run, "--epochs", "2");

        Assert.True(exit == 0, error);
        Assert.Contains(output, l => l.Contains("resuming at step 2"));
        Assert.Contains(output, l => l.StartsWith("teacher: CNN 48-96 channels") && l.Contains("sha256"));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(Run, "epochs.csv")).Length);
        string record = File.ReadAllText(Path.Combine(Run, "run.json"));
        Assert.Contains("\"seed\": 5", record);
        Assert.Contains("\"epochs\": 2", record);
    }

    [Fact]
    public void Resume_refuses_another_limit_data_learning_rate_or_teacher_naming_each()
    {
        Assert.Equal(0, Train("kd").Exit);
        string otherTeacher = Path.Combine(_cli.Folder, "other.ckpt");
        File.Copy(Path.Combine(Run, "checkpoint.ckpt"), otherTeacher);

        var (exit, _, error) = _cli.Run("train", "--resume", Run, "--limit", "256", "--lr", "0.1", "--data", _cli.Folder, "--teacher", otherTeacher);

        Assert.Equal(1, exit);
        Assert.Contains("cannot resume", error);
        Assert.Contains("learning rate: 0.05 in the run, 0.1 now", error);
        Assert.Contains("limit: 128 in the run, 256 now", error);
        Assert.Contains("data: Fashion-MNIST shipped", error);
        Assert.Contains($"teacher: {Path.Combine(Run, "teacher", "checkpoint.ckpt")} (sha256 ", error);
        Assert.DoesNotContain("epochs", error);
    }

    [Theory]
    [InlineData("--lr", "-1", "--lr must be a finite number above 0, got -1.")]
    [InlineData("--lr", "0", "--lr must be a finite number above 0, got 0.")]
    [InlineData("--epochs", "0", "--epochs must be at least 1, got 0.")]
    [InlineData("--batch", "0", "--batch must be at least 1, got 0.")]
    public void Settings_that_cannot_train_are_refused_before_anything_is_written(string option, string value, string message)
    {
        var (exit, _, error) = _cli.Run("train", _cli.Write("ce.distill", "ce\n"), "--out", Run, option, value);
        Assert.Equal(1, exit);
        Assert.Equal(message, error.Trim());
        Assert.False(Directory.Exists(Run));
    }

    [Fact]
    public void Resume_without_a_run_in_the_folder_says_how_to_start_one()
    {
        var (exit, _, error) = _cli.Run("train", "--resume", Run);
        Assert.Equal(1, exit);
        Assert.Contains("no run to resume here", error);
    }

    [Fact]
    public void Overrides_are_checked_like_recipe_text_and_the_run_records_the_effective_recipe()
    {
        string recipe = _cli.Write("kd.distill", "let w = 0.9\nce + w * kd(T = 4)\n");
        var (exit, _, error) = _cli.Run(["train", recipe, .. Tiny, "--epochs", "1", "--out", Run, "--set", "kd.T=-2"]);
        Assert.Equal(1, exit);
        Assert.StartsWith("--set 'kd.T=-2'(1,6): error DST0202: ", error);
        Assert.False(Directory.Exists(Run));

        (exit, _, error) = _cli.Run(["train", recipe, .. Tiny, "--epochs", "1", "--out", Run, "--set", "kd.T=2", "--set", "w=0.5"]);
        Assert.True(exit == 0, error);
        var record = RunRecord.Load(Run);
        Assert.Equal("let w = 0.5\nce + w * kd(T = 2)\n", record.Recipe);
        Assert.Equal(new[] { "kd.T=2", "w=0.5" }, record.Overrides);
        Assert.Equal(record.Recipe, File.ReadAllText(Path.Combine(Run, "recipe.distill")));

        // Resuming keeps the run's overrides; another value is a different recipe.
        (exit, _, error) = _cli.Run("train", "--resume", Run, "--epochs", "2");
        Assert.True(exit == 0, error);
        (exit, _, error) = _cli.Run("train", recipe, "--resume", Run, "--set", "kd.T=3");
        Assert.Equal(1, exit);
        Assert.Contains("recipe: sha256 ", error);
    }
}
