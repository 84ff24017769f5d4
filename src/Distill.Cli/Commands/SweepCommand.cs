using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using Distill.Cli.Runs;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using Spectre.Console;

namespace Distill.Cli.Commands
{
    /// <summary>
    /// <c>distill sweep RECIPE --seeds 1..3 --set kd.T=2,4,8</c>: trains every combination of the override
    /// values and seeds into OUT/SETTING/seed-N (one teacher for all, in OUT/teacher unless <c>--teacher</c>), then
    /// writes OUT/summary.md and OUT/summary.csv: per setting, the mean ± sample sd over seeds of the last
    /// epoch's and of the best epoch's test accuracy. Run again, it skips finished runs and resumes an
    /// interrupted one, so a stopped sweep continues where it was.
    /// </summary>
    internal static class SweepCommand
    {
        public static Command Create()
        {
            var options = new TrainingOptions(epochs: 5, teacherEpochs: 5, output: "");
            var recipe = new Argument<FileInfo>("recipe") { Description = "The .distill recipe to sweep." };
            var seeds = new Option<string>("--seeds") { Description = "Seeds to run every setting with: 1..3 or 1,4,9.", DefaultValueFactory = _ => "1" };
            var teacher = new Option<FileInfo?>("--teacher") { Description = "Teacher checkpoint for every run; trained once into OUT/teacher when absent." };
            var command = new Command("sweep", "Train a grid of --set values × seeds and tabulate mean ± sd test accuracy.") { recipe, seeds, teacher };
            foreach (var option in new Option[] { options.Epochs, options.TeacherEpochs, options.Batch, options.Lr, options.Device, options.Data, options.Out,
                                                  options.Metrics, options.Threads, options.Limit, options.Sampler, options.Set })
                command.Options.Add(option);
            options.Set.Description = "TARGET=V1,V2,…: the values of one grid axis (see train --set); repeatable, the grid is every combination.";
            command.SetAction(result => Guard.Run(result, console => Run(console, options, result, result.GetValue(recipe)!, result.GetValue(seeds)!, result.GetValue(teacher))));
            return command;
        }

        /// <summary>One grid point: its overrides and the folder-name label made of them.</summary>
        public sealed record Setting(IReadOnlyList<string> Sets)
        {
            public string Label => Sets.Count == 0 ? "recipe" : string.Join(" ", Sets);
            public string Folder => Sets.Count == 0 ? "recipe" : string.Concat(string.Join("_", Sets).Select(c => char.IsLetterOrDigit(c) || c is '.' or '=' or '-' or '_' ? c : '_'));
        }

        private static int Run(IAnsiConsole console, TrainingOptions options, ParseResult result, FileInfo recipeFile, string seedText, FileInfo? teacherFile)
        {
            if (!recipeFile.Exists) throw new FileNotFoundException($"{recipeFile.FullName}: recipe not found.");
            if (teacherFile is { Exists: false }) throw new FileNotFoundException($"{teacherFile.FullName}: teacher checkpoint not found.");
            var seeds = Seeds(seedText);
            var grid = Grid(result.GetValue(options.Set) ?? []);
            string name = Path.GetFileNameWithoutExtension(recipeFile.Name);
            string folder = result.GetValue(options.Out) is { Length: > 0 } o ? o : Path.Combine("runs", "sweep-" + name);
            string text = File.ReadAllText(recipeFile.FullName);
            var baseSettings = options.Settings(result);
            var teacherSettings = options.Settings(result, teacher: true);
            var recipes = grid.ToDictionary(s => s, s => Overrides.Apply(text, recipeFile.FullName, s.Sets, RuntimeCatalogue.BuiltIn.Catalogue));
            var data = DataRecord.Of(FashionMnist.Locate(result.GetValue(options.Data)), result.GetValue(options.Limit));
            using var sweepFolder = RunFolder.Open(folder, FolderMode.Resume, runs: []);
            using var signals = new StopSignals();
            string again = "the same distill sweep command (finished runs are skipped)";
            console.WriteLine($"sweep {name}: {grid.Count} settings × {seeds.Count} seeds into {Path.GetFullPath(folder)}; data: {data.Description}");
            var (train, test) = TrainingOptions.Load(data.Source, data.Limit);
            var rows = new List<(Setting Setting, int Seed, RunState State)>();
            using (train)
            using (test)
            {
                ConvNet? teacher = null;
                TeacherRecord? teacherRecord = null;
                var probe = new RunRequest(name, recipes[grid[0]], recipeFile.FullName, ConvNetSpec.Student, baseSettings, folder, result.GetValue(options.Metrics), true, data)
                {
                    Signals = signals,
                    ResumeCommand = again,
                };
                try
                {
                    if (Trainer.NeedsTeacher(ModelRun.Prepare(probe)))
                        (teacher, teacherRecord) = Teachers.Get(console, teacherFile?.FullName, probe, teacherSettings, train, test);
                    foreach (var setting in grid)
                        foreach (int seed in seeds)
                            rows.Add((setting, seed, One(console, probe, setting, seed, recipes[setting], teacher, teacherRecord, train, test)));
                }
                finally
                {
                    teacher?.Dispose();
                }
            }
            var summary = Summary.Of(rows.Select(r => (r.Setting.Label, r.Seed, r.State)).ToList());
            File.WriteAllText(Path.Combine(folder, "summary.md"), summary.Markdown(name, seeds));
            File.WriteAllText(Path.Combine(folder, "summary.csv"), summary.Csv());
            console.WriteLine(summary.Markdown(name, seeds));
            console.WriteLine($"summary: {Path.GetFullPath(Path.Combine(folder, "summary.md"))} and summary.csv");
            return 0;
        }

        /// <summary>One run of the grid: skipped when finished, resumed when started, else trained fresh.</summary>
        private static RunState One(IAnsiConsole console, RunRequest probe, Setting setting, int seed, string recipe, ConvNet? teacher, TeacherRecord? teacherRecord,
                                    LabelledImages train, LabelledImages test)
        {
            string runFolder = Path.Combine(probe.Folder, setting.Folder, $"seed-{seed}");
            string checkpoint = Path.Combine(runFolder, ModelRun.CheckpointFileName);
            bool started = File.Exists(RunRecord.PathIn(runFolder));
            if (started && RunRecord.Load(runFolder).Finished is not null && File.Exists(checkpoint))
            {
                var (model, state) = RunCheckpoint.LoadModel(checkpoint);
                model.Dispose();
                if (state.Epochs.Count == probe.Settings.Epochs && state.RecipeHash == RunState.Hash(recipe))
                {
                    console.WriteLine($"{setting.Label}, seed {seed}: finished before ({Human.Percent(state.Epochs[^1].TestAccuracy)}), skipped");
                    return state;
                }
            }
            using var lockFolder = RunFolder.Open(runFolder, started ? FolderMode.Resume : FolderMode.Fresh);
            var request = probe with
            {
                Name = $"{setting.Label}, seed {seed}",
                Recipe = recipe,
                Settings = probe.Settings with { Seed = seed },
                Folder = runFolder,
                Resume = started,
                Overrides = setting.Sets,
                References = teacherRecord?.References ?? [],
            };
            var (student, result) = ModelRun.Train(request, request.Record(teacherRecord), ModelRun.Prepare(request), teacher, train, test, console);
            student.Dispose();
            return result;
        }

        /// <summary><c>1..3</c> or <c>1,4,9</c>.</summary>
        public static IReadOnlyList<int> Seeds(string text)
        {
            static int Parse(string s, string all) => int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
                ? v : throw new ArgumentException($"--seeds '{all}': '{s.Trim()}' is not a whole number; write 1..3 or 1,4,9.");
            int range = text.IndexOf("..", StringComparison.Ordinal);
            if (range >= 0)
            {
                int from = Parse(text[..range], text), to = Parse(text[(range + 2)..], text);
                if (to < from || to - from >= 1000) throw new ArgumentException($"--seeds '{text}': the range must go up, over at most 1,000 seeds.");
                return Enumerable.Range(from, to - from + 1).ToList();
            }
            var seeds = text.Split(',').Select(s => Parse(s, text)).ToList();
            if (seeds.Distinct().Count() != seeds.Count) throw new ArgumentException($"--seeds '{text}': a seed is given twice.");
            return seeds;
        }

        /// <summary>Every combination of the axes' values, first axis slowest: <c>--set kd.T=2,4 --set w=0.1,0.5</c> is four settings.</summary>
        public static IReadOnlyList<Setting> Grid(IReadOnlyList<string> axes)
        {
            IEnumerable<IReadOnlyList<string>> points = [[]];
            foreach (var axis in axes)
            {
                int equals = axis.IndexOf('=');
                if (equals <= 0) throw new ArgumentException($"--set '{axis}' is not TARGET=V1,V2,…; write e.g. kd.T=2,4,8.");
                string target = axis[..equals].Trim();
                var values = SplitTopLevel(axis[(equals + 1)..]);
                if (values.Count == 0 || values.Any(v => v.Length == 0)) throw new ArgumentException($"--set '{axis}' has an empty value.");
                points = points.SelectMany(p => values.Select(v => (IReadOnlyList<string>)[.. p, $"{target}={v}"])).ToList();
            }
            return points.Select(p => new Setting(p)).ToList();
        }

        /// <summary>Splits at commas outside parentheses, so <c>linear(0, 1)</c> stays one value.</summary>
        private static List<string> SplitTopLevel(string text)
        {
            var parts = new List<string>();
            int depth = 0, start = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == ',' && depth == 0)
                {
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                }
                else if (text[i] == '(') depth++;
                else if (text[i] == ')') depth--;
            }
            return parts;
        }
    }
}
