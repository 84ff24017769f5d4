using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Cli.Bench
{
    /// <summary>The lines that say where a benchmark ran: CPU, threads, TorchSharp, allocator, runtime, date.</summary>
    internal static class MachineInfo
    {
        public static string Describe(BenchShape shape) =>
            $"TorchSharp {TorchSharpVersion()}, {shape.DType.ToString().ToLowerInvariant()}, threads={get_num_threads()}, CPU: {CpuName()} ({Environment.ProcessorCount} logical), " +
            $"allocator: {Allocator.Description}, OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "(unset)"}, " +
            $"tiered compilation {(TieredCompilation() ? "on" : "off")}, " +
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, date {DateTime.UtcNow:yyyy-MM-dd}";

        /// <summary>Whether the JIT tiers methods (the default), from DOTNET_TieredCompilation or the runtime configuration.</summary>
        public static bool TieredCompilation()
        {
            var env = Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? Environment.GetEnvironmentVariable("COMPlus_TieredCompilation");
            if (env is not null) return env.Trim() != "0";
            return AppContext.GetData("System.Runtime.TieredCompilation") is not (false or "false" or "False");
        }

        public static string TorchSharpVersion()
        {
            var assembly = typeof(Tensor).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return (informational ?? assembly.GetName().Version?.ToString() ?? "unknown").Split('+')[0];
        }

        public static string CpuName()
        {
            const string cpuinfo = "/proc/cpuinfo";
            if (!File.Exists(cpuinfo)) return RuntimeInformation.ProcessArchitecture.ToString();
            var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line.Split(':', 2)[1].Trim();
        }
    }
}
