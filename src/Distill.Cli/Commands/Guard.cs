using System;
using System.IO;
using Distill.Runtime;
using Distill.Runtime.Training;
using Spectre.Console;

namespace Distill.Cli.Commands
{
    /// <summary>Turns the errors a user can cause (bad recipe, unfeedable input, bad data or checkpoint files) into a message and exit code 1.</summary>
    public static class Guard
    {
        public static int Run(IAnsiConsole console, Func<int> body)
        {
            try
            {
                return body();
            }
            catch (Exception e) when (e is RecipeException or UnsatisfiableInputException or IOException or TermInputException)
            {
                console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
                return 1;
            }
        }
    }
}
