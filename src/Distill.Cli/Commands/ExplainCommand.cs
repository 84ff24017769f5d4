using System.CommandLine;
using System.IO;
using Distill.Dsl;
using Distill.Dsl.Text;
using Distill.Runtime;

namespace Distill.Cli.Commands
{
    /// <summary><c>distill explain &lt;file&gt;</c>: what a recipe computes.</summary>
    internal static class ExplainCommand
    {
        public static Command Create()
        {
            var file = new Argument<string>("file") { Description = "the .distill recipe" };
            var terms = CliOptions.Terms();
            var command = new Command("explain", "Show a recipe's normalised weighted sum, each term with all its parameters (defaults marked), inputs, weights and schedules, and the inputs it requires.")
            {
                file,
                terms,
            };
            command.SetAction(r => CliOptions.Guard(r, (output, _) =>
                Run(r.GetValue(file)!, CliOptions.Catalogue(r.GetValue(terms)), output)));
            return command;
        }

        public static int Run(string path, RuntimeCatalogue catalogue, TextWriter output)
        {
            string text = File.ReadAllText(path);
            var result = RecipeCompiler.Compile(text, catalogue.Catalogue);
            var lines = new SourceLines(text);
            foreach (var diagnostic in result.Diagnostics)
                output.WriteLine(diagnostic.Format(path, lines));
            if (result.HasErrors || result.Recipe is null) return 1;
            RecipeExplainer.Write(output, path, result.Recipe, catalogue.Catalogue);
            return 0;
        }
    }
}
