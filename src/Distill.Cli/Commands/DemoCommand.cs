using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Cli.Commands
{
    /// <summary>
    /// <c>distill demo</c>: checks and explains every preset recipe it finds (presets/ or
    /// examples/presets/, or a built-in recipe), then evaluates the first that loads on random
    /// tensors and prints the per-term table. Exit 0 when one was evaluated.
    /// </summary>
    internal static class DemoCommand
    {
        public static readonly string[] PresetsFolders = ["presets", "examples/presets"];
        public const string DefaultRecipe = "ce + 0.9 * kd(T = 4)\n";

        public static Command Create()
        {
            var recipes = new Option<string?>("--recipes") { Description = "folder of .distill recipes (default: the nearest presets/ or examples/presets/)" };
            var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
            var seed = new Option<int>("--seed") { Description = "seed of the random inputs", DefaultValueFactory = _ => 0 };
            var command = new Command("demo", "Check and explain the preset recipes, then evaluate one on random tensors.")
            {
                recipes,
                device,
                seed,
            };
            command.SetAction(r => CliOptions.Guard(r, (output, _) =>
                Run(r.GetValue(recipes), Devices.Parse(r.GetValue(device) ?? "cpu"), r.GetValue(seed), output)));
            return command;
        }

        public static int Run(string? folder, Device device, int seed, TextWriter output)
        {
            folder ??= FindPresets();
            var sources = folder is null
                ? [("built-in.distill", DefaultRecipe)]
                : RecipeFiles.Expand([folder]).Select(p => (p, File.ReadAllText(p))).ToList();
            output.WriteLine(folder is null ? "No presets folder found; using the built-in recipe." : $"Recipes in {folder}:");
            var loaded = new List<Objective>();
            foreach (var (path, text) in sources)
            {
                output.WriteLine();
                var result = Objective.TryParse(text, device, path: path);
                foreach (var line in result.FormattedDiagnostics) output.WriteLine(line);
                if (result.Objective is null) continue;
                RecipeExplainer.Write(output, path, result.Objective.Recipe, RuntimeCatalogue.BuiltIn.Catalogue);
                loaded.Add(result.Objective);
            }
            output.WriteLine();
            foreach (var objective in loaded)
                if (TryEvaluate(objective, seed, output)) return 0;
            output.WriteLine("No recipe could be evaluated.");
            return 1;
        }

        private static bool TryEvaluate(Objective objective, int seed, TextWriter output)
        {
            using var scope = NewDisposeScope();
            var inputs = RandomInputs.For(objective.Recipe, batch: 8, objective.Device, manual_seed(seed));
            try
            {
                using var result = objective.Compute(inputs, TrainingProgress.Completed);
                output.WriteLine($"{objective.Path} on random inputs (batch 8, {RandomInputs.Classes} classes, {RandomInputs.Features} features, training complete):");
                TermTable.Write(output, result);
                return true;
            }
            catch (TermInputException e)
            {
                output.WriteLine($"{objective.Path}: cannot evaluate on random inputs: {e.Message}");
                return false;
            }
        }

        /// <summary>The nearest presets folder at or above the working folder, else above the executable.</summary>
        private static string? FindPresets()
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                    foreach (var name in PresetsFolders)
                    {
                        string candidate = Path.Combine(dir.FullName, name);
                        if (Directory.Exists(candidate)) return Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate);
                    }
            return null;
        }
    }
}
