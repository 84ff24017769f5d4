using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Distill.Cli.Demo;
using Distill.Cli.Runs;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using Spectre.Console;
using TorchSharp;

namespace Distill.Cli.Commands
{
    /// <summary>
    /// <c>distill demo</c>: against the shipped pretrained teacher (or one trained here with
    /// <c>--teacher-epochs N</c>), trains the 5.6× smaller student on few labelled images with
    /// cross-entropy alone and with each recipe (Hinton KD by default), over one or several seeds,
    /// and prints accuracy, the same cross-entropy for every model, wall time, and how much of the
    /// teacher–student gap each recipe closes (<see cref="DemoReport"/>).
    /// </summary>
    internal static class DemoCommand
    {
        /// <summary>Student epochs and training images of the default setting, chosen on a validation split (docs/results.md).</summary>
        public const int DefaultEpochs = 20, DefaultStudentImages = 1000;

        private const string Baseline = "ce.distill";

        public static string DefaultRecipe => Path.Combine(AppContext.BaseDirectory, "presets", "kd.distill");

        public static Command Create()
        {
            var options = new TrainingOptions(epochs: DefaultEpochs, teacherEpochs: 0, output: Path.Combine("runs", "demo"));
            options.TeacherEpochs.Description = "Train the teacher here for N epochs on all the demo's training images (0: load the shipped pretrained teacher).";
            var recipes = new Option<FileInfo[]>("--recipe")
            {
                Description = "Recipe for a distilled student; repeat for several.",
                DefaultValueFactory = _ => [new FileInfo(DefaultRecipe)],
                AllowMultipleArgumentsPerToken = true,
            }.NoneAFolder("a .distill recipe file");
            var seeds = new Option<string?>("--seeds") { Description = "Train every student on these seeds: FIRST..LAST (e.g. 1..5) or a comma list (default: --seed)." };
            var studentImages = new Option<int>("--student-images")
            {
                Description = "The students train on the first N training images (0: all).",
                DefaultValueFactory = _ => DefaultStudentImages,
            }.InRange(0);
            var validation = new Option<int>("--validation")
            {
                Description = "Hold out the last N training images and evaluate on them instead of the test split, for choosing settings (0: the test split).",
            }.InRange(0);
            var command = new Command("demo", "Distil a small student from a 5.6× larger teacher on few labelled images, against cross-entropy alone; compare.")
            {
                recipes, seeds, studentImages, validation,
            };
            options.AddTo(command);
            command.SetAction(result => Guard.Run(result, console => Run(console, options, result, result.GetValue(recipes)!,
                result.GetValue(seeds), result.GetValue(studentImages), result.GetValue(validation))));
            return command;
        }

        private static int Run(IAnsiConsole console, TrainingOptions options, ParseResult result, FileInfo[] recipeFiles,
                               string? seedText, int studentImages, int validation)
        {
            DemoReport.Widen(console);
            foreach (var file in recipeFiles)
                if (!file.Exists) throw new FileNotFoundException($"{file.FullName}: recipe not found.");
            var names = recipeFiles.Select(f => f.Name).Append(Baseline).ToList();
            if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
                throw new ArgumentException($"--recipe: two students share a file name (the CE-only one is {Baseline}); rename one, since run folders are named after it.");
            string folder = result.GetValue(options.Resume) is { Length: > 0 } r ? r : result.GetValue(options.Out)!;
            var mode = options.Mode(result);
            int teacherEpochs = result.GetValue(options.TeacherEpochs);
            if (teacherEpochs < 0) throw new ArgumentException($"--teacher-epochs must be 0 (the shipped teacher) or more, not {teacherEpochs}.");
            var settings = options.Settings(result);
            int[] seedList = seedText is null ? [settings.Seed] : SeedList.Parse(seedText);
            var source = DataRecord.Of(FashionMnist.Locate(result.GetValue(options.Data)), result.GetValue(options.Limit));
            var runNames = recipeFiles.Select(f => f.FullName).Prepend(Baseline)
                                      .SelectMany(f => seedList.Select(seed => RunName(f, seed))).Append("teacher").ToList();
            using var runFolder = RunFolder.Open(folder, mode, runs: runNames);
            using var signals = new StopSignals();
            var baseline = new RunRequest("CE only", Teachers.Recipe, Baseline, ConvNetSpec.Student, settings, folder,
                                          result.GetValue(options.Metrics), mode == FolderMode.Resume, source)
            {
                Signals = signals,
                ResumeCommand = $"distill demo --resume {folder} (with the same --recipe, --seeds and image options)",
            };
            var students = new List<(RunRequest Request, Objective Objective)> { (baseline, ModelRun.Prepare(baseline)) };
            foreach (var file in recipeFiles)
            {
                var request = baseline with { Name = file.Name, Recipe = File.ReadAllText(file.FullName), RecipePath = file.FullName };
                students.Add((request, ModelRun.Prepare(request)));
            }
            console.WriteLine($"data: {source.Description}");
            var device = Devices.Parse(settings.Device);
            var (train, test) = TrainingOptions.Load(source.Source, source.Limit);
            using (train)
            using (test)
            using (var data = DemoData.Carve(train, test, validation, studentImages))
            {
                console.WriteLine(data.Describe());
                var (teacher, teacherRecord, teacherTime) = teacherEpochs == 0
                    ? LoadShipped(console)
                    : TrainTeacher(console, baseline with { Folder = folder }, options.Settings(result, teacher: true), data);
                using (teacher)
                {
                    teacher.to(device);
                    var (accuracy, loss) = Evaluation.Score(teacher, data.Evaluation, device);
                    var teacherResult = new ModelResult("teacher", 0, Evaluation.Parameters(teacher), accuracy, loss, 0);
                    teacherRecord = teacherRecord with { Accuracy = accuracy };
                    var runs = students.ToDictionary(s => s.Request.Name, _ => new List<ModelResult>());
                    foreach (int seed in seedList)
                    {
                        var references = teacherRecord.References;
                        foreach (var (request, objective) in students)
                        {
                            var run = request with
                            {
                                Settings = request.Settings with { Seed = seed },
                                Folder = Path.Combine(folder, RunName(request.RecipePath, seed)),
                                References = references,
                            };
                            bool needsTeacher = Trainer.NeedsTeacher(objective);
                            var (model, state) = ModelRun.Train(run, run.Record(needsTeacher ? teacherRecord : null), objective, needsTeacher ? teacher : null,
                                                                data.Students, data.Evaluation, console);
                            // The CE-only student of this seed is the reference line in the distilled students' plots.
                            if (request == baseline) references = [.. references, new Reference("CE-only student", state.Epochs[^1].TestAccuracy)];
                            using (model)
                            {
                                var (a, l) = Evaluation.Score(model, data.Evaluation, device);
                                runs[request.Name].Add(new ModelResult(request.Name, seed, Evaluation.Parameters(model), a, l, state.Epochs[^1].Seconds));
                            }
                        }
                    }
                    var summary = DemoSummary.Of(teacherResult, runs[baseline.Name], students.Skip(1).Select(s => (IReadOnlyList<ModelResult>)runs[s.Request.Name]));
                    DemoReport.Write(console, summary, data.Split, teacherTime);
                }
                console.WriteLine($"runs, metrics and plots: {Path.GetFullPath(folder)}");
            }
            return 0;
        }

        /// <summary>The folder of one student run: the recipe's file name and the seed (<c>kd-s3</c>).</summary>
        private static string RunName(string recipePath, int seed) => $"{Path.GetFileNameWithoutExtension(recipePath)}-s{seed}";

        private static (ConvNet, TeacherRecord, string) LoadShipped(IAnsiConsole console)
        {
            string path = ShippedTeacher.DefaultPath;
            var (model, state) = ShippedTeacher.Load(path);
            console.WriteLine($"teacher: {path} (SHA-256 {ShippedTeacher.Sha256[..12]}… verified), {ShippedTeacher.Provenance}; --teacher-epochs N trains one here instead");
            var record = new TeacherRecord(path, ShippedTeacher.Sha256, $"{Teachers.Describe(model, state)}; shipped {path} (sha256 {ShippedTeacher.Sha256[..12]})");
            return (model, record, $"shipped ({state.Epochs.Count} epochs)");
        }

        private static (ConvNet, TeacherRecord, string) TrainTeacher(IAnsiConsole console, RunRequest request, TrainSettings settings, DemoData data)
        {
            var (model, record) = Teachers.Get(console, null, request, settings, data.Pool, data.Evaluation);
            var (saved, state) = RunCheckpoint.LoadModel(record.Path);
            saved.Dispose();
            return (model, record, $"{state.Epochs[^1].Seconds:F0} s");
        }
    }
}
