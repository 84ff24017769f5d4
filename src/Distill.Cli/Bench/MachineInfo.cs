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

        /// <summary>
        /// The CPU's model name, family and model, and widest vector instruction set, e.g. "AMD EPYC, family 26 model 2,
        /// AVX-512": virtual machines often report only "AMD EPYC", and speed ratios against PyTorch moved by 2x between
        /// an AVX2-only Zen 1 and an AVX-512 Zen 5 that both read so.
        /// </summary>
        public static string CpuName()
        {
            const string cpuinfo = "/proc/cpuinfo";
            if (!File.Exists(cpuinfo)) return RuntimeInformation.ProcessArchitecture.ToString();
            var lines = File.ReadLines(cpuinfo).TakeWhile(l => l.Trim().Length > 0).ToList(); // the first processor
            string? Field(string key) => lines.FirstOrDefault(l => l.Split(':', 2)[0].Trim() == key)?.Split(':', 2)[1].Trim();
            var name = Field("model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
            var flags = (Field("flags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var isa = flags.Contains("avx512f") ? "AVX-512" : flags.Contains("avx2") ? "AVX2" : flags.Contains("avx") ? "AVX" : null;
            var family = Field("cpu family") is { } f && Field("model") is { } m ? $"family {f} model {m}" : null;
            return string.Join(", ", new[] { name, family, isa }.Where(part => part is not null));
        }
    }
}
