using System;
using static TorchSharp.torch;

namespace Distill.Cli
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            using var x = randn(3, 4);
            Console.WriteLine($"torch ok: {x.shape[0]}x{x.shape[1]}");
            return 0;
        }
    }
}
