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
        public static double ResidentMiB() => Read("VmRSS:") / 1024.0;

        public static double PeakResidentMiB() => Read("VmHWM:") / 1024.0;

        public static double Threads() => Read("Threads:");

        /// <summary>The field's number as written (kB for the Vm fields).</summary>
        private static double Read(string field)
        {
            const string status = "/proc/self/status";
            if (!File.Exists(status)) return double.NaN;
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith(field, System.StringComparison.Ordinal));
            if (line is null) return double.NaN;
            var value = line.Substring(field.Length).Trim().Split(' ')[0];
            return double.Parse(value, CultureInfo.InvariantCulture);
        }
    }
}
