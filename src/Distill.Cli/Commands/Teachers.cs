using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Distill.Cli.Runs;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using Spectre.Console;

namespace Distill.Cli.Commands
{
    /// <summary>The teacher of a run: loaded from a checkpoint, or trained with cross-entropy into RUN/teacher (resumable like any run).</summary>
    internal static class Teachers
    {
        public const string Recipe = "ce\n";

        /// <summary>Where a teacher trained for the run in <paramref name="folder"/> lives.</summary>
        public static string TrainedPath(string folder) => Path.Combine(folder, "teacher", ModelRun.CheckpointFileName);

        public static (ConvNet Model, TeacherRecord Record) Get(IAnsiConsole console, string? checkpoint, RunRequest student, TrainSettings settings,
                                                                LabelledImages train, LabelledImages test)
        {
            if (checkpoint is null)
            {
                var request = student with
                {
                    Name = "teacher",
                    Recipe = Recipe,
                    RecipePath = "teacher.distill",
                    Spec = ConvNetSpec.Teacher,
                    Settings = settings,
                    Folder = Path.Combine(student.Folder, "teacher"),
                    Overrides = [],
                };
                var (trained, _) = ModelRun.Train(request, request.Record(), ModelRun.Prepare(request), null, train, test, console);
                trained.Dispose();
                checkpoint = TrainedPath(student.Folder);
            }
            var (model, state) = RunCheckpoint.LoadModel(checkpoint);
            string hash = Sha256(checkpoint);
            var record = new TeacherRecord(checkpoint, hash, $"{Describe(model, state)}; {checkpoint} (sha256 {hash[..12]})",
                                           state.Epochs.Count > 0 ? state.Epochs[^1].TestAccuracy : null);
            console.WriteLine($"teacher: {record.Description}");
            return (model, record);
        }

        /// <summary>The SHA-256 of a checkpoint file, in hex: what a run records to notice a changed teacher.</summary>
        public static string Sha256(string path)
        {
            using var file = File.OpenRead(path);
            return System.Convert.ToHexStringLower(SHA256.HashData(file));
        }

        /// <summary>The model's shape and size and its last test accuracy, in one line.</summary>
        public static string Describe(ConvNet model, RunState state) =>
            $"{Describe(state.Student)}, {Human.Count(model.parameters().Sum(p => p.numel()))} parameters"
            + (state.Epochs.Count > 0 ? $", test accuracy {Human.Percent(state.Epochs[^1].TestAccuracy)} after {Human.Plural(state.Epochs.Count, "epoch")}" : "");

        /// <summary>A ConvNet shape as a reader wants it: <c>CNN 16-32 channels, 64-d embedding, 10 classes</c>.</summary>
        public static string Describe(ConvNetSpec spec) => $"CNN {spec.Channels1}-{spec.Channels2} channels, {spec.EmbeddingDim}-d embedding, {spec.Classes} classes";
    }
}
