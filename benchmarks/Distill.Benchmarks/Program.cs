using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Distill.Runtime;

namespace Distill.Benchmarks
{
    /// <summary>
    /// Entry point: configures glibc's allocator as the CLI does, then runs the suites chosen by the
    /// BenchmarkDotNet arguments (e.g. <c>--filter *Seed* --job short</c>). Jobs run in this process
    /// (<c>--inProcess</c> is added), so the allocator settings and the patched native libraries in
    /// this build's output apply to what is measured.
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            Allocator.Configure();
            string[] inProcess = args.Contains("--inProcess") || args.Contains("-i") ? [] : ["--inProcess"];
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
                .Run(inProcess.Concat(args).ToArray(), DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary));
        }
    }
}
