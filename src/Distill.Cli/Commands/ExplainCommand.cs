using System;
using System.CommandLine;
using System.IO;
using Distill.Dsl;
using Distill.Dsl.Binding;
using Distill.Dsl.Costs;
using Distill.Dsl.Text;
using Distill.Generators;
using Distill.Runtime;

namespace Distill.Cli.Commands
{
    /// <summary><c>distill explain &lt;file&gt; [--emit]</c>: what a recipe computes, or the C# the generator makes of it; <c>distill explain DST0202</c>: a diagnostic's page.</summary>
    internal static class ExplainCommand
    {
        public static Command Create()
        {
            var file = new Argument<string>("file") { Description = "the .distill recipe, or a diagnostic id such as DST0202 to print its page" };
            var emit = new Option<bool>("--emit") { Description = "print the C# class the source generator emits for this recipe instead" };
            var rootNamespace = new Option<string>("--namespace")
            {
                Description = "with --emit: the project's root namespace; folders from the current directory to the recipe are appended, as the generator does",
                DefaultValueFactory = _ => "",
            };
            var batch = new Option<long?>("--batch") { Description = "show each term's time and memory order and its estimated cost at this batch size N" };
            var dim = new Option<long>("--dim") { Description = "with --batch: feature columns D", DefaultValueFactory = _ => CostSize.Reference.Dim };
            var classes = new Option<long>("--classes") { Description = "with --batch: logit columns C", DefaultValueFactory = _ => CostSize.Reference.Classes };
            var terms = CliOptions.Terms();
            var sets = Overrides.Option();
            var command = new Command("explain", "Show a recipe's normalised weighted sum, each term with all its parameters (defaults marked), inputs, weights and schedules, and the inputs it requires. Given a diagnostic id (DST0202), print that diagnostic's page: what it means, an example, the fix.")
            {
                file,
                emit,
                rootNamespace,
                batch,
                dim,
                classes,
                terms,
                sets,
            };
            command.SetAction(r => CliOptions.Guard(r, (output, error) =>
            {
                string path = r.GetValue(file)!;
                if (DiagnosticPages.IsId(path) && !File.Exists(path)) return DiagnosticPages.Print(path, output, error);
                var catalogue = CliOptions.Catalogue(r.GetValue(terms));
                string text;
                try
                {
                    text = Overrides.Apply(File.ReadAllText(path), path, r.GetValue(sets) ?? [], catalogue.Catalogue);
                }
                catch (RecipeException e)
                {
                    output.WriteLine(e.Message);
                    return 1;
                }
                if (r.GetValue(sets) is { Length: > 0 } given && !r.GetValue(emit))
                    output.WriteLine($"effective recipe (with --set {string.Join(" --set ", given)}):\n{text.TrimEnd()}\n");
                return r.GetValue(emit)
                    ? Emit(path, text, r.GetValue(rootNamespace) ?? "", catalogue, output, error)
                    : Run(path, text, catalogue, output, Size(r.GetValue(batch), r.GetValue(dim), r.GetValue(classes)));
            }));
            return command;
        }

        /// <summary>Explains <paramref name="text"/> (the file's text, or the effective recipe after --set) as the recipe at <paramref name="path"/>.</summary>
        public static int Run(string path, string text, RuntimeCatalogue catalogue, TextWriter output, CostSize? size = null)
        {
            var recipe = Compile(path, text, catalogue, output);
            if (recipe is null) return 1;
            RecipeExplainer.Write(output, path, recipe, catalogue.Catalogue, size);
            return 0;
        }

        private static CostSize? Size(long? batch, long dim, long classes)
        {
            if (batch is null) return null;
            if (batch < 1 || dim < 1 || classes < 1) throw new ArgumentException($"--batch, --dim and --classes must be at least 1 (got {batch}, {dim}, {classes})");
            return new CostSize(batch.Value, dim, classes);
        }

        /// <summary>The generated class on <paramref name="output"/> (diagnostics on <paramref name="error"/>), named as the generator would for a project in the current directory.</summary>
        public static int Emit(string path, string text, string rootNamespace, RuntimeCatalogue catalogue, TextWriter output, TextWriter error)
        {
            var recipe = Compile(path, text, catalogue, error);
            if (recipe is null) return 1;
            string fullPath = Path.GetFullPath(path);
            string @namespace = RecipeNaming.Namespace(rootNamespace, Directory.GetCurrentDirectory(), fullPath);
            output.Write(ObjectiveEmitter.Emit(recipe, catalogue.Catalogue, @namespace, RecipeNaming.ClassName(fullPath), text));
            return 0;
        }

        /// <summary>Compiles the recipe, writing every diagnostic in the canonical form; null when there are errors.</summary>
        private static BoundRecipe? Compile(string path, string text, RuntimeCatalogue catalogue, TextWriter diagnostics)
        {
            var result = RecipeCompiler.Compile(text, catalogue.Catalogue);
            var lines = new SourceLines(text);
            foreach (var diagnostic in result.Diagnostics)
                diagnostics.WriteLine(diagnostic.Format(path, lines));
            return result.HasErrors ? null : result.Recipe;
        }
    }
}
