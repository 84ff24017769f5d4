using System;
using System.IO;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using Spectre.Console;
using TorchSharp;

namespace Distill.Cli.Runs
{
    /// <summary>
    /// Trains one model into its folder: <c>recipe.distill</c> and <c>run.json</c> (<see cref="RunRecord"/>)
    /// first, then <c>checkpoint.ckpt</c> (atomic; the same header), <c>steps.*</c> and <c>epochs.*</c>
    /// metrics, TensorBoard event files and <c>plots/*.png</c> (after every epoch). A signal stops it after
    /// the current step with the checkpoint and plots written (<see cref="RunInterruptedException"/>).
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

        public static (ConvNet Model, RunState State) Train(RunRequest request, RunRecord record, Objective objective, ConvNet? teacher,
                                                            LabelledImages train, LabelledImages test, IAnsiConsole console)
        {
            Directory.CreateDirectory(request.Folder);
            // Under MPI only rank 0 writes the run folder and observes (Trainer.Group): one progress display, one set of files.
            bool root = Cluster.Group.Rank == 0;
            if (root)
            {
                File.WriteAllText(Path.Combine(request.Folder, "recipe.distill"), request.Recipe);
                if (request.Resume && File.Exists(RunRecord.PathIn(request.Folder))) record = record with { Started = RunRecord.Load(request.Folder).Started };
                record.Save(request.Folder);
            }
            var device = Devices.Parse(request.Settings.Device);
            var model = Trainer.CreateModel(request.Spec, request.Settings.Seed, device);
            teacher?.to(device);
            var state = new RunState { Recipe = request.Recipe, Settings = request.Settings, Student = request.Spec, Teacher = record.Teacher?.Path };
            var progress = new ConsoleProgress(request.Name, console) { TotalEpochs = request.Settings.Epochs };
            string plots = Path.Combine(request.Folder, "plots");
            var plotter = root ? new PlotWriter(plots, request.Name, request.References) : null;
            var observers = root
                ? new Observers(progress, new MetricsWriter(request.Folder, request.Format), new TensorBoard(request.Folder), plotter!, new TermWatch(console))
                : new Observers(progress);
            string checkpoint = Path.Combine(request.Folder, CheckpointFileName);
            var trainer = new Trainer(request.Settings, observers) { Group = Cluster.Group };
            var stop = request.Signals?.Token ?? default;
            state = progress.Run(() => trainer.Run(state, model, teacher, TrainingObjective.From(objective), train, test, checkpoint, request.Resume, stop: stop));
            plotter?.Write();
            if (state.Interrupted)
            {
                model.Dispose();
                throw new RunInterruptedException($"{request.Name}: stopped by {request.Signals?.Received?.ToString() ?? "a stop request on another rank"} after step {state.GlobalStep:N0}; checkpoint and plots written in {Path.GetFullPath(request.Folder)}.\n"
                                                  + $"resume with: {request.ResumeCommand ?? $"distill train --resume {request.Folder}"}", request.Signals?.ExitCode ?? 1);
            }
            if (root)
            {
                // Beside the resumable checkpoint: the weights as a state dict PyTorch and TorchSharp users load.
                ModelExport.Save(model, Path.Combine(request.Folder, ExportFileName));
                (record with { Finished = DateTime.UtcNow.ToString("O") }).Save(request.Folder);
            }
            return (model, state);
        }
    }
}
