using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Distill.Dsl;
using Distill.Dsl.Text;
using Distill.Runtime;

namespace Distill.Cli.Commands
{
    /// <summary><c>distill check &lt;files…&gt;</c>: every diagnostic in canonical form; exit 1 on any error.</summary>
    internal static class CheckCommand
    {
        public static Command Create()
        {
            var files = new Argument<string[]>("files")
            {
                Description = "recipe files, or folders searched for *.distill",
                Arity = ArgumentArity.OneOrMore,
            };
            var terms = CliOptions.Terms();
            var command = new Command("check", "Compile recipes and print each diagnostic as path(line,col): severity DSTnnnn: message. Exit code 1 when any recipe has an error.")
            {
                files,
                terms,
            };
            command.SetAction(r => CliOptions.Guard(r, (output, _) =>
                Run(r.GetValue(files) ?? [], CliOptions.Catalogue(r.GetValue(terms)), output)));
            return command;
        }

        public static int Run(IReadOnlyList<string> paths, RuntimeCatalogue catalogue, TextWriter output)
        {
            int recipes = 0, errors = 0, warnings = 0;
            foreach (var path in RecipeFiles.Expand(paths).ToList())
            {
                string text = File.ReadAllText(path);
                var result = RecipeCompiler.Compile(text, catalogue.Catalogue);
                var lines = new SourceLines(text);
                foreach (var diagnostic in result.Diagnostics)
                    output.WriteLine(diagnostic.Format(path, lines));
                recipes++;
                errors += result.Diagnostics.Count(d => d.IsError);
                warnings += result.Diagnostics.Count(d => d.Severity == Dsl.Diagnostics.DiagnosticSeverity.Warning);
            }
            output.WriteLine($"{Plural(recipes, "recipe")} checked: {Plural(errors, "error")}, {Plural(warnings, "warning")}.");
            return errors > 0 ? 1 : 0;
        }

        private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
    }
}
