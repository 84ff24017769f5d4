using System.IO;
using Distill.Cli.Demo;

namespace Distill.Cli.Tests;

public sealed class ShippedTeacherTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void The_shipped_teacher_matches_its_pinned_hash_and_loads_as_the_teacher_model()
    {
        ShippedTeacher.Verify(ShippedTeacher.DefaultPath);

        var (model, state) = ShippedTeacher.Load(ShippedTeacher.DefaultPath);
        using (model)
            Assert.Equal(Distill.Training.Models.ConvNetSpec.Teacher, state.Student);
    }

    [Fact]
    public void A_modified_copy_is_refused_before_loading()
    {
        string copy = Path.Combine(_cli.Folder, ShippedTeacher.FileName);
        File.Copy(ShippedTeacher.DefaultPath, copy);
        using (var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = file.Length / 2;
            int b = file.ReadByte();
            file.Position = file.Length / 2;
            file.WriteByte((byte)(b ^ 1));
        }

        var e = Assert.Throws<InvalidDataException>(() => ShippedTeacher.Load(copy));

        Assert.StartsWith($"{copy}: SHA-256 is ", e.Message);
        Assert.Contains($"not the shipped teacher's {ShippedTeacher.Sha256}", e.Message);
        Assert.Contains("--teacher-epochs N", e.Message);
    }

    [Fact]
    public void A_missing_teacher_says_how_to_get_one()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ShippedTeacher.Verify(Path.Combine(_cli.Folder, "none.ckpt")));

        Assert.Contains("--teacher-epochs N", e.Message);
    }
}
