using System;
using Distill.Runtime;

namespace Distill.Cli
{
    public static class Program
    {
        /// <summary>Configures glibc's allocator before the first tensor (see Allocator), then runs the command.</summary>
        public static int Main(string[] args)
        {
            Allocator.Configure();
            return DistillCommand.Run(args, Console.Out, Console.Error);
        }
    }
}
