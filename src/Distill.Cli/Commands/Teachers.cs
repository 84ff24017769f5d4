using System.IO;
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

        public static (ConvNet Model, string Path) Get(IAnsiConsole console, string? checkpoint, RunRequest student, TrainSettings settings,
                                                       LabelledImages train, LabelledImages test)
        {
            if (checkpoint is not null)
            {
                var (model, state) = RunCheckpoint.LoadModel(checkpoint);
                console.WriteLine($"teacher: {checkpoint} ({state.Student}, recipe sha256 {state.RecipeHash[..12]})");
                return (model, checkpoint);
            }
            var request = student with
            {
                Name = "teacher",
                Recipe = Recipe,
                RecipePath = "teacher.distill",
                Spec = ConvNetSpec.Teacher,
                Settings = settings,
                Folder = Path.Combine(student.Folder, "teacher"),
            };
            var (teacher, _) = ModelRun.Train(request, ModelRun.Prepare(request), null, null, train, test, console);
            return (teacher, Path.Combine(request.Folder, ModelRun.CheckpointFileName));
        }
    }
}
