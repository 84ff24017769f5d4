using System;

namespace Distill.Cli
{
    public static class Program
    {
        public static int Main(string[] args) => DistillCommand.Run(args, Console.Out, Console.Error);
    }
}
