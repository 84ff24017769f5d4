using System.IO;
using System.Linq;

namespace Distill.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private string[] Tiny(string runs) =>
        ["--data", "shipped", "--limit", "128", "--epochs", "1", "--teacher-epochs", "1", "--batch", "64", "--out", runs];

    [Fact]
    public void A_recipe_needing_an_input_the_models_cannot_feed_is_refused_before_anything_trains()
    {
        string recipe = _cli.Write("deep.distill", "ce + sp(at = layer3)\n");
        string runs = Path.Combine(_cli.Folder, "run");

        var (exit, _, error) = _cli.Run(["train", recipe, .. Tiny(runs)]);

        Assert.Equal(1, exit);
        Assert.Contains("'StudentLayer3'", error);
        Assert.False(Directory.Exists(runs));
    }

    [Fact]
    public void Trains_with_a_recipe_and_keeps_recipe_hash_settings_and_jsonl_metrics()
    {
        string recipe = _cli.Write("rel.distill", "ce + 25 * rkd.distance\n");
        string runs = Path.Combine(_cli.Folder, "run");

        var (exit, output, error) = _cli.Run(["train", recipe, .. Tiny(runs), "--metrics", "jsonl", "--seed", "7"]);

        Assert.True(exit == 0, error);
        Assert.Contains(output, l => l.StartsWith("rel: test accuracy "));
        // Redirected output is not wrapped: a whole step line, timing included, is one line.
        Assert.Contains(output, l => l.StartsWith("  step 1/2  loss ") && l.Contains("rkd.distance") && l.EndsWith(" left"));
        string run = File.ReadAllText(Path.Combine(runs, "run.json"));
        Assert.Contains("\"recipe_sha256\"", run);
        Assert.Contains("\"seed\": 7", run);
        Assert.Contains("\"recipe\": \"ce + 25 * rkd.distance\\n\"", run);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(runs, "steps.jsonl")).Length);
        Assert.Contains("\"rkd.distance\"", File.ReadAllLines(Path.Combine(runs, "steps.jsonl"))[0]);
        Assert.True(File.Exists(Path.Combine(runs, "teacher", "checkpoint.ckpt")));
        Assert.Equal(["accuracy.png", "terms.png", "total.png"], Directory.GetFiles(Path.Combine(runs, "plots")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_corrupt_data_file_is_named_in_the_error()
    {
        string data = Path.Combine(_cli.Folder, "data");
        Directory.CreateDirectory(data);
        foreach (var name in new[] { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" })
            File.WriteAllBytes(Path.Combine(data, name), [0, 0, 8, 1, 0, 0]);
        string recipe = _cli.Write("ce.distill", "ce\n");

        var (exit, _, error) = _cli.Run(["train", recipe, "--data", data, "--out", Path.Combine(_cli.Folder, "run")]);

        Assert.Equal(1, exit);
        Assert.Equal($"distill: {Path.Combine(data, "t10k-images-idx3-ubyte.gz")}: truncated: the header needs 4 bytes, found 2.\n", error);
    }

    [Fact]
    public void A_user_term_from_terms_trains_and_is_refused_without_it()
    {
        string recipe = _cli.Write("user.distill", "ce + 0.1 * user.scale(factor = 2)\n");
        string runs = Path.Combine(_cli.Folder, "run");
        string assembly = typeof(UserScaleTerm).Assembly.Location;

        var (without, _, refusal) = _cli.Run(["train", recipe, .. Tiny(runs)]);
        var (with, output, error) = _cli.Run(["train", recipe, .. Tiny(runs), "--terms", assembly]);

        Assert.Equal(1, without);
        Assert.Contains("user.scale", refusal);
        Assert.True(with == 0, error);
        Assert.Contains(output, l => l.StartsWith("user: test accuracy "));
        Assert.Contains("user.scale(factor=2)", File.ReadAllLines(Path.Combine(runs, "steps.csv"))[0]);
        Assert.True(File.Exists(Path.Combine(runs, "model.safetensors")), "the student's weights are exported beside the checkpoint");
    }
}
