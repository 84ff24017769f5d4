using System;
using System.IO;
using System.Text.Json;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using Spectre.Console;
using TorchSharp;

namespace Distill.Cli.Runs
{
    /// <summary>
    /// Trains one model into its folder: <c>recipe.distill</c> and <c>run.json</c> (recipe, its
    /// SHA-256, settings, data, teacher) first, then <c>checkpoint.ckpt</c> (atomic; the same
    /// header), <c>steps.*</c> and <c>epochs.*</c> metrics, and <c>plots/*.png</c>.
    /// </summary>
    public static class ModelRun
    {
        public const string CheckpointFileName = "checkpoint.ckpt";
        public const string ExportFileName = "model.safetensors";

        /// <summary>Compiles the recipe and checks that the built-in models can feed it; throws naming the first input they cannot.</summary>
        public static Objective Prepare(RunRequest request)
        {
            var objective = Objective.Parse(request.Recipe, Devices.Parse(request.Settings.Device), request.Catalogue, request.RecipePath);
            Trainer.Check(objective);
            return objective;
        }

        public static (ConvNet Model, RunState State) Train(RunRequest request, Objective objective, ConvNet? teacher, string? teacherPath,
                                                            LabelledImages train, LabelledImages test, IAnsiConsole console)
        {
            Directory.CreateDirectory(request.Folder);
            bool root = Cluster.Group.Rank == 0;
            if (root) File.WriteAllText(Path.Combine(request.Folder, "recipe.distill"), request.Recipe);
            if (root) File.WriteAllText(Path.Combine(request.Folder, "run.json"), JsonSerializer.Serialize(new
            {
                name = request.Name,
                recipe_path = request.RecipePath,
                recipe_sha256 = RunState.Hash(request.Recipe),
                recipe = request.Recipe,
                settings = request.Settings,
                model = request.Spec,
                data = request.Data.Describe(),
                teacher = teacherPath,
                started = DateTime.UtcNow.ToString("O"),
            }, new JsonSerializerOptions { WriteIndented = true }));
            var device = Devices.Parse(request.Settings.Device);
            var model = Trainer.CreateModel(request.Spec, request.Settings.Seed, device);
            teacher?.to(device);
            var state = new RunState { Recipe = request.Recipe, Settings = request.Settings, Student = request.Spec, Teacher = teacherPath };
            var progress = new ConsoleProgress(request.Name, console) { TotalEpochs = request.Settings.Epochs };
            // Only rank 0 observes (Trainer.Group): one progress display, one set of metric files.
            var observers = new Observers(progress, new MetricsWriter(request.Folder, request.Format));
            string checkpoint = Path.Combine(request.Folder, CheckpointFileName);
            var trainer = new Trainer(request.Settings, observers) { Group = Cluster.Group };
            state = progress.Run(() => trainer.Run(state, model, teacher, TrainingObjective.From(objective), train, test, checkpoint, request.Resume));
            // Beside the resumable checkpoint: the weights as a state dict PyTorch and TorchSharp users load.
            if (root) ModelExport.Save(model, Path.Combine(request.Folder, ExportFileName));
            string plots = Path.Combine(request.Folder, "plots");
            Directory.CreateDirectory(plots);
            if (root) Plots.Write(plots, request.Name, state);
            return (model, state);
        }
    }
}
