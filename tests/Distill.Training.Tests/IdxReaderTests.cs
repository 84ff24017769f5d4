using System;
using System.IO;
using System.IO.Compression;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training.Tests;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("distill-idx-").FullName;

    private static readonly byte[] Images =
    [
        0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
        0, 1, 2, 3, 4, 5,
        250, 251, 252, 253, 254, 255,
    ];

    private static readonly byte[] Labels = [0, 0, 8, 1, 0, 0, 0, 2, 7, 3];

    private string Write(string name, byte[] bytes, bool gzip = false)
    {
        string path = Path.Combine(_dir, name);
        if (!gzip) File.WriteAllBytes(path, bytes);
        else
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_known_bytes_plain_and_gzipped(bool gzip)
    {
        var images = IdxReader.ReadImages(Write("i.idx", Images, gzip));
        var labels = IdxReader.ReadLabels(Write("l.idx", Labels, gzip));
        Assert.Equal(new[] { 2, 2, 3 }, images.Shape);
        Assert.Equal(Images[16..], images.Bytes);
        Assert.Equal(new byte[] { 7, 3 }, labels.Bytes);
    }

    [Fact]
    public void Truncated_data_names_the_file_and_the_shortfall()
    {
        string path = Write("short.gz", Images[..25], gzip: true);
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated: the data needs 12 bytes, found 9", e.Message);
    }

    [Fact]
    public void Truncated_header_is_reported() =>
        Assert.Contains("the header needs 12 bytes, found 6",
            Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(Write("h.idx", Images[..10]))).Message);

    [Fact]
    public void Truncated_gzip_stream_is_reported()
    {
        string full = Write("full.gz", Images, gzip: true);
        var bytes = File.ReadAllBytes(full);
        string cut = Write("cut.gz", bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(cut));
        Assert.Contains(cut, e.Message);
    }

    [Fact]
    public void Corrupt_gzip_is_reported()
    {
        var bytes = File.ReadAllBytes(Write("ok.gz", Images, gzip: true));
        for (int i = 10; i < bytes.Length - 8; i++) bytes[i] ^= 0x5a;
        string path = Write("bad.gz", bytes);
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 0 }, "not an IDX file")]
    [InlineData(new byte[] { 0, 0, 9, 1, 0, 0, 0, 1, 0 }, "element type 0x09")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 0, 0 }, "trailing bytes")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 10 }, "label 10 at index 0")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0 }, "expected 1 dimension")]
    public void Malformed_label_files_say_what_is_wrong(byte[] bytes, string problem) =>
        Assert.Contains(problem, Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(Write("bad.idx", bytes))).Message);

    [Fact]
    public void Missing_file_is_named()
    {
        string path = Path.Combine(_dir, "nope.gz");
        Assert.Equal($"{path}: file not found.", Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path)).Message);
    }

    [Fact]
    public void Shipped_test_split_loads_as_8k_train_and_2k_test()
    {
        var (train, test) = FashionMnist.Load(new DataSource(Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist"), Full: false));
        using (train)
        using (test)
        {
            Assert.Equal(8000, train.Count);
            Assert.Equal(2000, test.Count);
            Assert.Equal(new long[] { 8000, 1, 28, 28 }, train.Images.shape);
            Assert.Equal(9, train.Labels[0].item<long>());
            Assert.Equal(1000, train.Labels.eq(5).sum().item<long>() + test.Labels.eq(5).sum().item<long>());
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
