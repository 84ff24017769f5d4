using System;
using System.IO;
using Distill.Cli.Commands;
using Distill.Training;
using Distill.Training.Models;

namespace Distill.Cli.Demo
{
    /// <summary>
    /// The pretrained teacher that ships in <c>models/</c> (copied beside the binary), so that the
    /// demo needs no teacher training. The demo checks the file's SHA-256 against <see cref="Sha256"/>
    /// before loading it and refuses any other file. How it was made is <see cref="Provenance"/> (and
    /// docs/results.md): the project's own <c>distill train</c> on the 60k Fashion-MNIST training
    /// images, none of which is in the demo's test split (that is cut from the 10k test set).
    /// </summary>
    public static class ShippedTeacher
    {
        public const string FileName = "fashion-mnist-teacher.ckpt";

        /// <summary>SHA-256 of <c>models/fashion-mnist-teacher.ckpt</c> as committed.</summary>
        public const string Sha256 = "044ec626fca4a8e0d0c743cf42766766b1d295f9bede6b7a99e78285cc807ef6";

        public const string Provenance =
            "trained by `distill train ce.distill --model teacher --data /usr/share/datasets/fashion-mnist --epochs 3 --seed 1` "
            + "on the 60,000 Fashion-MNIST training images (none of them in the demo's test split), 92.46 % on the 10k test set (models/README.md)";

        public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "models", FileName);

        /// <summary>Throws naming <paramref name="path"/> when it is missing or its SHA-256 is not <paramref name="expected"/>.</summary>
        public static void Verify(string path, string expected = Sha256)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"{path}: the shipped teacher is missing; restore it from the repository (models/{FileName}) or train one with --teacher-epochs N.");
            string actual = Teachers.Sha256(path);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"{path}: SHA-256 is {actual}, not the shipped teacher's {expected}: the file was modified or damaged. "
                                               + $"Restore it from the repository (models/{FileName}) or train a teacher with --teacher-epochs N.");
        }

        /// <summary>Verifies, then loads the teacher at <paramref name="path"/>.</summary>
        public static (ConvNet Model, RunState State) Load(string path, string expected = Sha256)
        {
            Verify(path, expected);
            return RunCheckpoint.LoadModel(path);
        }
    }
}
