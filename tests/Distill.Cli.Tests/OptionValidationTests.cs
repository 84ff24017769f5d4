using System.IO;
using System.IO.Compression;
using System.Linq;

namespace Distill.Cli.Tests;

/// <summary>
/// Every bad option value is refused up front with one line naming the option and what it must be, exit 1;
/// none reaches a native abort (--threads 0), a DivideByZeroException (--batch 0) or an unhandled exception.
/// </summary>
public sealed class OptionValidationTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Recipe => _cli.Write("ce.distill", "ce\n");

    [Theory]
    [InlineData("--threads", "0", "--threads must be at least 1, got 0.")]
    [InlineData("--threads", "100000", "--threads must be at most 1024, got 100000.")]
    [InlineData("--batch", "0", "--batch must be at least 1, got 0.")]
    [InlineData("--epochs", "0", "--epochs must be at least 1, got 0.")]
    [InlineData("--teacher-epochs", "-3", "--teacher-epochs must be at least 1, got -3.")]
    [InlineData("--limit", "-1", "--limit must be at least 0, got -1.")]
    [InlineData("--checkpoint-every", "-5", "--checkpoint-every must be at least 0, got -5.")]
    [InlineData("--lr", "NaN", "--lr must be a finite number above 0, got NaN.")]
    [InlineData("--lr", "Infinity", "--lr must be a finite number above 0, got Infinity.")]
    [InlineData("--lr", "0", "--lr must be a finite number above 0, got 0.")]
    public void Train_refuses_a_bad_value_before_anything_runs(string option, string value, string message)
    {
        string runs = Path.Combine(_cli.Folder, "run");
        var (exit, _, error) = _cli.Run("train", Recipe, "--data", "shipped", "--out", runs, option, value);
        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(runs));
    }

    [Theory]
    [InlineData("--threads", "0", "--threads must be at least 1, got 0.")]
    [InlineData("--batch", "0", "--batch must be at least 1, got 0.")]
    [InlineData("--lr", "NaN", "--lr must be a finite number above 0, got NaN.")]
    public void Demo_shares_the_rules(string option, string value, string message)
    {
        var (exit, _, error) = _cli.Run("demo", "--out", Path.Combine(_cli.Folder, "demo"), option, value);
        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--classes", "0", "--classes must be at least 1, got 0.")]
    [InlineData("--dim", "0", "--dim must be at least 1, got 0.")]
    [InlineData("--dim", "4000000000", "--dim must be at most 1048576, got 4000000000.")]
    [InlineData("--batch", "0", "--batch must be at least 1, got 0.")]
    [InlineData("--threads", "0", "--threads must be at least 1, got 0.")]
    [InlineData("--reps", "0", "--reps must be at least 1, got 0.")]
    [InlineData("--warmup", "-1", "--warmup must be at least 0, got -1.")]
    [InlineData("--steps", "-1", "--steps must be at least 0, got -1.")]
    public void Bench_refuses_a_bad_value(string option, string value, string message)
    {
        var (exit, _, error) = _cli.Run("bench", "kd", option, value);
        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_given_as_a_file_or_a_file_as_a_folder_is_named_so()
    {
        var (exit, _, error) = _cli.Run("train", _cli.Folder, "--data", "shipped");
        Assert.Equal(1, exit);
        Assert.Contains($"{_cli.Folder} is a folder; expected a .distill recipe file.", error, StringComparison.Ordinal);

        (exit, _, error) = _cli.Run("train", Recipe, "--teacher", _cli.Folder, "--data", "shipped");
        Assert.Equal(1, exit);
        Assert.Contains($"{_cli.Folder} is a folder; expected a teacher checkpoint file", error, StringComparison.Ordinal);

        (exit, _, error) = _cli.Run("train", Recipe, "--data", Recipe);
        Assert.Equal(1, exit);
        Assert.Contains($"{Recipe}: is a file; --data takes the folder holding the four IDX .gz files.", error, StringComparison.Ordinal);

        (exit, _, error) = _cli.Run("bench", _cli.Folder);
        Assert.Equal(1, exit);
        Assert.Contains($"{_cli.Folder} is a folder; expected a .distill file or recipe text.", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(2)]
    public void Idx_images_of_another_size_are_refused_naming_the_file(int side)
    {
        string data = Path.Combine(_cli.Folder, "data");
        Directory.CreateDirectory(data);
        foreach (var (images, labels) in new[] { ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"), ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz") })
        {
            WriteIdx(Path.Combine(data, images), 0x0803, [4, side, side]);
            WriteIdx(Path.Combine(data, labels), 0x0801, [4]);
        }

        var (exit, _, error) = _cli.Run("train", Recipe, "--data", data, "--out", Path.Combine(_cli.Folder, "run"));

        Assert.Equal(1, exit);
        Assert.Equal($"distill: {Path.Combine(data, "t10k-images-idx3-ubyte.gz")}: expected 28×28 Fashion-MNIST images, found {side}×{side}; "
            + "the built-in models take 28×28 only.\n", error);
    }

    /// <summary>A gzipped unsigned-byte IDX file: magic, big-endian dimensions, then zero elements.</summary>
    private static void WriteIdx(string path, int magic, int[] shape)
    {
        using var file = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        void Int(int v) => file.Write([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        Int(magic);
        foreach (var d in shape) Int(d);
        file.Write(new byte[shape.Aggregate(1, (a, b) => a * b)]);
    }
}
