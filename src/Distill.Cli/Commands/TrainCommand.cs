using System;
using System.CommandLine;
using System.IO;
using Distill.Cli.Runs;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using Spectre.Console;

namespace Distill.Cli.Commands
{
    /// <summary>
    /// <c>distill train RECIPE</c>: distils a student CNN on Fashion-MNIST with the recipe, against a
    /// teacher loaded with <c>--teacher</c> or trained first (into OUT/teacher). A recipe whose
    /// inputs the built-in models cannot feed is refused before anything trains.
    /// </summary>
    internal static class TrainCommand
    {
        public static Command Create()
        {
            var options = new TrainingOptions(epochs: 5, teacherEpochs: 5, output: "");
            var recipe = new Argument<FileInfo>("recipe") { Description = "The .distill recipe to train with." };
            var teacher = new Option<FileInfo?>("--teacher") { Description = "Teacher checkpoint (a checkpoint.ckpt of an earlier run); trained here when absent." };
            var model = new Option<string>("--model") { Description = "Which built-in CNN to train: student, or teacher (e.g. to train a teacher once with a ce recipe).", DefaultValueFactory = _ => "student" };
            model.AcceptOnlyFromAmong("student", "teacher");
            var terms = CliOptions.Terms();
            var command = new Command("train", "Distil a student on Fashion-MNIST with a recipe.") { recipe, teacher, model, terms };
            options.AddTo(command);
            command.SetAction(result => Guard.Run(result, console => Run(console, options, result, result.GetValue(recipe)!, result.GetValue(teacher),
                result.GetValue(model) == "teacher" ? ConvNetSpec.Teacher : ConvNetSpec.Student, CliOptions.Catalogue(result.GetValue(terms)))));
            return command;
        }

        private static int Run(IAnsiConsole console, TrainingOptions options, ParseResult result, FileInfo recipeFile, FileInfo? teacherFile, ConvNetSpec spec,
                               Distill.Runtime.RuntimeCatalogue catalogue)
        {
            if (!recipeFile.Exists) throw new FileNotFoundException($"{recipeFile.FullName}: recipe not found.");
            string name = Path.GetFileNameWithoutExtension(recipeFile.Name);
            string folder = result.GetValue(options.Out) is { Length: > 0 } o ? o : Path.Combine("runs", name);
            var settings = options.Settings(result);
            var source = FashionMnist.Locate(result.GetValue(options.Data));
            var request = new RunRequest(name, File.ReadAllText(recipeFile.FullName), recipeFile.FullName, spec, settings,
                                         folder, result.GetValue(options.Metrics), result.GetValue(options.Resume), source) { Catalogue = catalogue };
            var objective = ModelRun.Prepare(request);
            console.WriteLine($"data: {source.Describe()}");
            var (train, test) = options.Load(result, source);
            using (train)
            using (test)
            {
                ConvNet? teacher = null;
                string? teacherPath = null;
                if (Trainer.NeedsTeacher(objective))
                    (teacher, teacherPath) = Teachers.Get(console, teacherFile?.FullName, request, options.Settings(result, teacher: true), train, test);
                var (student, state) = ModelRun.Train(request, objective, teacher, teacherPath, train, test, console);
                console.WriteLine($"{name}: test accuracy {state.Epochs[^1].TestAccuracy:P2} after {state.Epochs.Count} epochs; run in {Path.GetFullPath(folder)}");
                student.Dispose();
                teacher?.Dispose();
            }
            return 0;
        }
    }
}
