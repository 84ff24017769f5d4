using System;
using System.Collections;
using System.Linq;
using System.Runtime.InteropServices;

namespace Distill.Runtime
{
    /// <summary>
    /// glibc allocator settings for training loops. By default glibc hands every block above its mmap
    /// threshold (dynamic, ≤ 32 MiB) back to the kernel on free, so the next step page-faults the same
    /// tensors back in; on VMs that is most of a step's time (RKD angle at N = 256: ≈ 1.9 s a step
    /// against ≈ 0.16 s). <see cref="Configure"/> raises the mmap threshold to 1 GiB and stops heap
    /// trimming, so freed tensors are reused. Call it once at start-up, before the first tensor.
    /// </summary>
    public static class Allocator
    {
        /// <summary>mallopt's M_MMAP_THRESHOLD: blocks at least this large get their own mapping.</summary>
        public const int MmapThresholdParameter = -3;

        /// <summary>mallopt's M_TRIM_THRESHOLD: free heap above this is returned to the kernel.</summary>
        public const int TrimThresholdParameter = -1;

        public const int MmapThreshold = 1 << 30;
        public const int TrimThreshold = int.MaxValue;

        /// <summary>What the last <see cref="Configure"/> did, for logs and benchmark headers.</summary>
        public static string Description { get; private set; } = "glibc defaults (Allocator.Configure not called)";

        /// <summary>
        /// On Linux with glibc, sets M_MMAP_THRESHOLD = 1 GiB and M_TRIM_THRESHOLD = 2³¹−1, unless the
        /// process has MALLOC_* environment variables (the user's own settings win). Elsewhere does
        /// nothing. Returns true when the settings were applied. Safe to call more than once.
        /// </summary>
        public static bool Configure()
        {
            string? userSettings = UserSettings();
            if (userSettings is not null)
            {
                Description = $"glibc, from the environment: {userSettings}";
                return false;
            }
            if (!OperatingSystem.IsLinux())
            {
                Description = "platform default (not Linux)";
                return false;
            }
            try
            {
                bool mmap = mallopt(MmapThresholdParameter, MmapThreshold) == 1;
                bool trim = mallopt(TrimThresholdParameter, TrimThreshold) == 1;
                Description = mmap && trim
                    ? $"glibc mallopt: M_MMAP_THRESHOLD={MmapThreshold}, M_TRIM_THRESHOLD={TrimThreshold}"
                    : $"glibc mallopt refused (mmap {mmap}, trim {trim}): defaults";
                return mmap && trim;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                Description = "default (no glibc mallopt: " + e.GetType().Name + ")";
                return false;
            }
        }

        /// <summary>The MALLOC_* / GLIBC_TUNABLES variables set in this process, or null when none.</summary>
        public static string? UserSettings()
        {
            var set = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .Select(e => (Name: (string)e.Key, Value: e.Value as string))
                .Where(e => e.Name.StartsWith("MALLOC_", StringComparison.Ordinal) || (e.Name == "GLIBC_TUNABLES" && e.Value?.Contains("malloc", StringComparison.Ordinal) == true))
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .Select(e => $"{e.Name}={e.Value}")
                .ToList();
            return set.Count == 0 ? null : string.Join(" ", set);
        }

        [DllImport("libc", EntryPoint = "mallopt")]
        private static extern int mallopt(int param, int value);
    }
}
