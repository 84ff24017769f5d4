using System;
using System.CommandLine;
using System.IO;
using Distill.Runtime;
using Spectre.Console;

namespace Distill.Cli.Commands
{
    /// <summary>
    /// Runs a training command's body with a Spectre console over the invocation's output (live
    /// display only on a real terminal). A recipe with errors prints its diagnostics and exits 1;
    /// other user errors go through <see cref="CliOptions.Guard"/>.
    /// </summary>
    internal static class Guard
    {
        public static int Run(ParseResult result, Func<IAnsiConsole, int> body) => CliOptions.Guard(result, (output, error) =>
        {
            try
            {
                return body(ConsoleFor(output));
            }
            catch (RecipeException e)
            {
                error.WriteLine(e.Message);
                return 1;
            }
        });

        private static IAnsiConsole ConsoleFor(TextWriter output) =>
            ReferenceEquals(output, Console.Out)
                ? AnsiConsole.Console
                : AnsiConsole.Create(new AnsiConsoleSettings
                {
                    Out = new AnsiConsoleOutput(output),
                    Ansi = AnsiSupport.No,
                    ColorSystem = ColorSystemSupport.NoColors,
                    Interactive = InteractionSupport.No,
                });
    }
}
