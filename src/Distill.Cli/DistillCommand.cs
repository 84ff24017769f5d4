using System.CommandLine;
using System.IO;
using Distill.Cli.Commands;

namespace Distill.Cli
{
    /// <summary>The root <c>distill</c> command: one subcommand per file under Commands/.</summary>
    public static class DistillCommand
    {
        public static RootCommand Create()
        {
            var root = new RootCommand("distill: check, explain and train with knowledge-distillation recipes (.distill files).");
            root.Subcommands.Add(CheckCommand.Create());
            root.Subcommands.Add(ExplainCommand.Create());
            root.Subcommands.Add(DemoCommand.Create());
            root.Subcommands.Add(TrainCommand.Create());
            root.Subcommands.Add(BenchCommand.Create());
            root.Subcommands.Add(LspCommand.Create());
            root.Subcommands.Add(EvalCommand.Create());
            root.Subcommands.Add(SweepCommand.Create());
            return root;
        }

        /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
        public static int Run(string[] args, TextWriter output, TextWriter error) =>
            Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
