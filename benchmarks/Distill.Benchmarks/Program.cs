using BenchmarkDotNet.Running;
using Distill.Runtime;

namespace Distill.Benchmarks
{
    /// <summary>
    /// Entry point: configures glibc's allocator as the CLI does, then runs the suites chosen by the
    /// BenchmarkDotNet arguments (e.g. <c>--filter *Seed*</c>).
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            Allocator.Configure();
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, InProcessConfig.Create());
        }
    }
}
