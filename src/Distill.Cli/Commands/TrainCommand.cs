using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Distill.Cli.Runs;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using Spectre.Console;

namespace Distill.Cli.Commands
{
    /// <summary>
    /// <c>distill train RECIPE</c>: distils a student CNN on Fashion-MNIST with the recipe, against a
    /// teacher loaded with <c>--teacher</c> or trained first (into OUT/teacher). A recipe whose
    /// inputs the built-in models cannot feed is refused before anything trains. The run folder is
    /// locked while the command runs; it must be empty unless <c>--force</c> (start over) or
    /// <c>--resume</c> (continue: <c>distill train --resume runs/x</c> needs nothing else). SIGINT,
    /// SIGTERM and SIGHUP stop after the current step with a checkpoint, and print the resume command.
    /// </summary>
    internal static class TrainCommand
    {
        public static Command Create()
        {
            var options = new TrainingOptions(epochs: 5, teacherEpochs: 5, output: "");
            var recipe = new Argument<FileInfo?>("recipe") { Description = "The .distill recipe to train with (with --resume FOLDER: read from the folder when absent).", Arity = ArgumentArity.ZeroOrOne }.NotAFolder("a .distill recipe file");
            var teacher = new Option<FileInfo?>("--teacher") { Description = "Teacher checkpoint (a checkpoint.ckpt of an earlier run); trained here when absent." }.NotAFolder("a teacher checkpoint file (RUN/checkpoint.ckpt)");
            var model = new Option<string>("--model") { Description = "Which built-in CNN to train: student, or teacher (e.g. to train a teacher once with a ce recipe).", DefaultValueFactory = _ => "student" };
            model.AcceptOnlyFromAmong("student", "teacher");
            var terms = CliOptions.Terms();
            var command = new Command("train", "Distil a student on Fashion-MNIST with a recipe.") { recipe, teacher, model, terms };
            options.AddTo(command);
            command.SetAction(result => Guard.Run(result, console => Run(console, options, result, result.GetValue(recipe), result.GetValue(teacher),
                result.GetValue(model) == "teacher" ? ConvNetSpec.Teacher : ConvNetSpec.Student, CliOptions.Catalogue(result.GetValue(terms)))));
            return command;
        }

        private static int Run(IAnsiConsole console, TrainingOptions options, ParseResult result, FileInfo? recipeFile, FileInfo? teacherFile, ConvNetSpec spec,
                               RuntimeCatalogue catalogue)
        {
            var mode = options.Mode(result);
            options.Settings(result);
            options.Settings(result, teacher: true);
            if (recipeFile is { Exists: false }) throw new FileNotFoundException($"{recipeFile.FullName}: recipe not found.");
            if (teacherFile is { Exists: false }) throw new FileNotFoundException($"{teacherFile.FullName}: teacher checkpoint not found.");
            string folder = result.GetValue(options.Resume) is { Length: > 0 } r ? r
                          : result.GetValue(options.Out) is { Length: > 0 } o ? o
                          : recipeFile is not null ? Path.Combine("runs", Path.GetFileNameWithoutExtension(recipeFile.Name))
                          : throw new ArgumentException("give a recipe, or the run folder to continue: distill train --resume runs/NAME.");
            if (mode != FolderMode.Resume && recipeFile is null) throw new ArgumentException("give the recipe to train with: distill train RECIPE (or --resume FOLDER to continue a run).");

            // Under mpirun rank 0 alone locks and checks the folder (the others' lock would collide with its own, and
            // its files would fail their fresh-folder check); the others wait for it, and a refusal aborts the job.
            bool root = Cluster.Group.Rank == 0;
            using var runFolder = root ? RunFolder.Open(folder, mode) : null;
            Cluster.Group.Barrier();
            var saved = mode == FolderMode.Resume ? RunRecord.Load(folder) : null;
            var request = Request(options, result, recipeFile, spec, folder, saved, catalogue);
            var teacherSettings = options.Settings(result, teacher: true, recorded: saved?.TeacherSettings);
            string? teacherPath = teacherFile?.FullName ?? (saved?.TeacherSettings is null ? saved?.Teacher?.Path : null);
            if (saved is not null) RefuseChanges(folder, saved, request, teacherPath, teacherSettings, spec);

            var objective = ModelRun.Prepare(request);
            bool needsTeacher = Trainer.NeedsTeacher(objective);
            var trainedHere = needsTeacher && teacherPath is null ? teacherSettings : null;
            var record = request.Record(needsTeacher ? saved?.Teacher ?? new TeacherRecord(teacherPath ?? Teachers.TrainedPath(folder), null, null) : null, trainedHere)
                         with { Started = saved?.Started ?? DateTime.UtcNow.ToString("O") };
            if (root) record.Save(folder);
            console.WriteLine($"data: {request.Data.Description}");
            using var signals = new StopSignals();
            request = request with { Signals = signals, ResumeCommand = $"distill train --resume {folder}" };
            var (train, test) = TrainingOptions.Load(request.Data.Source, request.Data.Limit);
            using (train)
            using (test)
            {
                ConvNet? teacher = null;
                if (needsTeacher)
                    (teacher, record) = Teacher(console, teacherPath, request, record, teacherSettings, train, test);
                try
                {
                    var (student, state) = ModelRun.Train(request with { References = record.Teacher?.References ?? [] }, record, objective, teacher, train, test, console);
                    console.WriteLine($"{request.Name}: test accuracy {Human.Percent(state.Epochs[^1].TestAccuracy)} after {Human.Plural(state.Epochs.Count, "epoch")} ({Human.Duration(state.ElapsedSeconds)}); run in {Path.GetFullPath(folder)}");
                    student.Dispose();
                }
                finally
                {
                    teacher?.Dispose();
                }
            }
            return 0;
        }

        /// <summary>The run to make: from the options, or, resuming, from the folder's record with the options the user typed on top.</summary>
        private static RunRequest Request(TrainingOptions options, ParseResult result, FileInfo? recipeFile, ConvNetSpec spec, string folder, RunRecord? saved,
                                          RuntimeCatalogue catalogue)
        {
            string name = recipeFile is not null ? Path.GetFileNameWithoutExtension(recipeFile.Name) : saved!.Name;
            string recipePath = recipeFile?.FullName ?? saved!.RecipePath;
            // Resuming, the run's own overrides apply unless --set is given again; the folder's recipe already has them.
            var sets = saved is not null && !TrainingOptions.Given(result, options.Set) ? saved.Overrides : result.GetValue(options.Set) ?? [];
            string recipe = recipeFile is not null
                ? Overrides.Apply(File.ReadAllText(recipeFile.FullName), recipeFile.FullName, sets, catalogue.Catalogue)
                : TrainingOptions.Given(result, options.Set) ? Overrides.Apply(saved!.Recipe, saved.RecipePath, sets, catalogue.Catalogue) : saved!.Recipe;
            var settings = options.Settings(result, recorded: saved?.Settings);
            var data = saved is not null && !TrainingOptions.Given(result, options.Data) ? saved.Data.Source : FashionMnist.Locate(result.GetValue(options.Data));
            int limit = saved is not null && !TrainingOptions.Given(result, options.Limit) ? saved.Data.Limit : result.GetValue(options.Limit);
            var format = saved is not null && !TrainingOptions.Given(result, options.Metrics) ? saved.Metrics : result.GetValue(options.Metrics);
            return new RunRequest(name, recipe, recipePath, saved?.Model ?? spec, settings, folder, format, saved is not null, DataRecord.Of(data, limit))
            {
                Overrides = sets,
                Catalogue = catalogue,
            };
        }

        /// <summary>Resuming: refuses, listing every difference, a recipe, model, data, limit, teacher or setting that is not the run's.</summary>
        private static void RefuseChanges(string folder, RunRecord saved, RunRequest request, string? teacherPath, TrainSettings teacherSettings, ConvNetSpec spec)
        {
            var changes = new List<string>();
            if (saved.RecipeSha256 != Distill.Training.RunState.Hash(request.Recipe))
                changes.Add($"recipe: sha256 {saved.RecipeSha256[..12]} in the run, {Distill.Training.RunState.Hash(request.Recipe)[..12]} now");
            if (saved.Model != spec && spec != ConvNetSpec.Student) changes.Add($"model: {Teachers.Describe(saved.Model)} in the run, {Teachers.Describe(spec)} now");
            changes.AddRange(SettingsDiff.Changes(saved.Settings, request.Settings, "in the run"));
            if (saved.TeacherSettings is { } t && t.Epochs != teacherSettings.Epochs)
                changes.Add($"teacher epochs: {t.Epochs} in the run, {teacherSettings.Epochs} now");
            if (saved.Data.Source != request.Data.Source) changes.Add($"data: {saved.Data.Source.Describe()} in the run, {request.Data.Source.Describe()} now");
            if (saved.Data.Limit != request.Data.Limit) changes.Add($"limit: {saved.Data.Limit} in the run, {request.Data.Limit} now");
            if (saved.Teacher is { Sha256: { } hash } teacher && teacherPath is not null && File.Exists(teacherPath) && Teachers.Sha256(teacherPath) is var now && now != hash)
                changes.Add($"teacher: {teacher.Path} (sha256 {hash[..12]}) in the run, {teacherPath} (sha256 {now[..12]}) now");
            if (saved.Teacher is null && teacherPath is not null) changes.Add($"teacher: none in the run, {teacherPath} now");
            if (changes.Count > 0)
                throw new InvalidOperationException($"{folder}: cannot resume, the run was made differently: {string.Join("; ", changes)}. "
                                                    + "Resume without those options, or start a new run with another --out (or --force).");
        }

        /// <summary>The teacher, loaded or trained here; the run's record then names its checkpoint and hash.</summary>
        private static (ConvNet, RunRecord) Teacher(IAnsiConsole console, string? path, RunRequest request, RunRecord record, TrainSettings settings,
                                                    LabelledImages train, LabelledImages test)
        {
            var (teacher, described) = Teachers.Get(console, path, request, settings, train, test);
            if (record.Teacher?.Sha256 is { } hash && hash != described.Sha256)
            {
                teacher.Dispose();
                throw new InvalidOperationException($"{request.Folder}: cannot resume: the teacher checkpoint {described.Path} changed since the run started (sha256 {hash[..12]}, now {described.Sha256![..12]}).");
            }
            record = record with { Teacher = described };
            record.Save(request.Folder);
            return (teacher, record);
        }
    }
}
