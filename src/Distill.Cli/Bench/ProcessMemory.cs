using System.Globalization;
using System.IO;
using System.Linq;

namespace Distill.Cli.Bench
{
    /// <summary>
    /// Resident memory of this process from /proc/self/status: now (VmRSS) and the peak (VmHWM), in MiB, and
    /// its thread count (each new thread brings a stack and possibly a glibc arena); NaN where unreadable.
    /// </summary>
    internal static class ProcessMemory
    {
        public static double ResidentMiB() => Read("VmRSS:");

        public static double PeakResidentMiB() => Read("VmHWM:");

        public static double Threads() => Read("Threads:") * 1024.0;

        private static double Read(string field)
        {
            const string status = "/proc/self/status";
            if (!File.Exists(status)) return double.NaN;
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, System.StringComparison.Ordinal));
            if (line is null) return double.NaN;
            var kib = line.Substring(field.Length).Trim().Split(' ')[0];
            return double.Parse(kib, CultureInfo.InvariantCulture) / 1024.0;
        }
    }
}
