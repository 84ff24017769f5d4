using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Distill.Benchmarks
{
    /// <summary>
    /// BenchmarkDotNet's default configuration with every job run in this process (a default job that
    /// command-line jobs such as <c>--job short</c> inherit), so the allocator settings made at start-up
    /// and the patched native libraries in this build's output apply to what is measured.
    /// </summary>
    public static class InProcessConfig
    {
        public static IConfig Create() =>
            DefaultConfig.Instance
                .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
                .WithOptions(ConfigOptions.JoinSummary);
    }
}
