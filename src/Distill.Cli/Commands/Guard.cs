using System;
using System.CommandLine;
using System.IO;
using Distill.Cli.Runs;
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
            catch (RunInterruptedException e)
            {
                Cluster.StoppedTogether();
                error.WriteLine(e.Message);
                return e.ExitCode;
            }
        });

        /// <summary>
        /// The terminal's console, or, when output goes to a file, a pipe or a test's writer, a plain one
        /// as wide as any line, so that no value is wrapped in the middle.
        /// </summary>
        private static IAnsiConsole ConsoleFor(TextWriter output)
        {
            if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected) return AnsiConsole.Console;
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            console.Profile.Width = Unwrapped;
            return console;
        }

        /// <summary>The width of a redirected console: wider than any line the commands print.</summary>
        public const int Unwrapped = 100_000;
    }
}
