using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Distill.Cli.Runs;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using Spectre.Console;

namespace Distill.Cli.Commands
{
    /// <summary>
    /// <c>distill demo</c>: trains a teacher CNN on Fashion-MNIST, then the smaller student twice,
    /// with cross-entropy alone and with a preset recipe (Hinton KD by default), and prints test
    /// accuracy, final loss and wall time of all three.
    /// </summary>
    internal static class DemoCommand
    {
        public static string DefaultRecipe => Path.Combine(AppContext.BaseDirectory, "presets", "kd.distill");

        public static Command Create()
        {
            var options = new TrainingOptions(epochs: 3, teacherEpochs: 3, output: Path.Combine("runs", "demo"));
            var recipe = new Option<FileInfo>("--recipe") { Description = "Recipe for the distilled student.", DefaultValueFactory = _ => new FileInfo(DefaultRecipe) };
            var command = new Command("demo", "Train a teacher, then a student with cross-entropy alone and with a distillation recipe; compare.") { recipe };
            options.AddTo(command);
            command.SetAction(result => Guard.Run(result, console => Run(console, options, result, result.GetValue(recipe)!)));
            return command;
        }

        private static int Run(IAnsiConsole console, TrainingOptions options, ParseResult result, FileInfo recipeFile)
        {
            if (!recipeFile.Exists) throw new FileNotFoundException($"{recipeFile.FullName}: recipe not found.");
            string folder = result.GetValue(options.Resume) is { Length: > 0 } r ? r : result.GetValue(options.Out)!;
            var mode = options.Mode(result);
            var data = DataRecord.Of(FashionMnist.Locate(result.GetValue(options.Data)), result.GetValue(options.Limit));
            var settings = options.Settings(result);
            var teacherSettings = options.Settings(result, teacher: true);
            using var runFolder = RunFolder.Open(folder, mode, runs: ["teacher", "ce", "distilled"]);
            using var signals = new StopSignals();
            var distilled = new RunRequest("distilled student", File.ReadAllText(recipeFile.FullName), recipeFile.FullName, ConvNetSpec.Student,
                                           settings, Path.Combine(folder, "distilled"), result.GetValue(options.Metrics), mode == FolderMode.Resume, data)
            {
                Signals = signals,
                ResumeCommand = $"distill demo --resume {folder}",
            };
            var baseline = distilled with { Name = "CE student", Recipe = Teachers.Recipe, RecipePath = "ce.distill", Folder = Path.Combine(folder, "ce") };
            var distilledObjective = ModelRun.Prepare(distilled);
            var baselineObjective = ModelRun.Prepare(baseline);
            console.WriteLine($"data: {data.Description}");
            var (train, test) = TrainingOptions.Load(data.Source, data.Limit);
            using (train)
            using (test)
            {
                var rows = new List<(string, RunState)>();
                var (teacher, teacherRecord) = Teachers.Get(console, null, distilled with { Folder = folder }, teacherSettings, train, test);
                using (teacher)
                {
                    var (saved, teacherState) = RunCheckpoint.LoadModel(teacherRecord.Path);
                    saved.Dispose();
                    rows.Add(("teacher", teacherState));
                    var (ce, ceState) = ModelRun.Train(baseline, baseline.Record(), baselineObjective, null, train, test, console);
                    ce.Dispose();
                    rows.Add(("student (CE only)", ceState));
                    var references = teacherRecord.References.Append(new Reference("CE-only student", ceState.Epochs[^1].TestAccuracy)).ToList();
                    var (student, state) = ModelRun.Train(distilled with { References = references }, distilled.Record(teacherRecord), distilledObjective, teacher, train, test, console);
                    student.Dispose();
                    rows.Add(($"student ({recipeFile.Name})", state));
                }
                console.Write(ResultsTable(rows));
                console.WriteLine($"runs, metrics and plots: {Path.GetFullPath(folder)}");
            }
            return 0;
        }

        private static Table ResultsTable(IEnumerable<(string Name, RunState State)> rows)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("model", "parameters", "test accuracy", "final loss", "wall time");
            foreach (var (name, state) in rows)
            {
                var last = state.Epochs[^1];
                using var model = new ConvNet(state.Student);
                long parameters = 0;
                foreach (var p in model.parameters()) parameters += p.numel();
                table.AddRow(Markup.Escape(name), $"{parameters:N0}", $"{last.TestAccuracy:P2}", $"{last.TrainLoss:F4}", $"{last.Seconds:F0} s");
            }
            return table;
        }
    }
}
