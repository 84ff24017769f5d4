using System.CommandLine;
using Distill.Cli.Commands;
using Spectre.Console;

namespace Distill.Cli
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            var console = AnsiConsole.Console;
            var root = new RootCommand("distill: knowledge-distillation recipes for TorchSharp.")
            {
                DemoCommand.Create(console),
                TrainCommand.Create(console),
            };
            return root.Parse(args).Invoke();
        }
    }
}
