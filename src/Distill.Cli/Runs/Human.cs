using System;
using System.Globalization;

namespace Distill.Cli.Runs
{
    /// <summary>Numbers as a person reads them on a progress line: <c>0.0321</c> not <c>3.209E-02</c>, <c>52.3k</c>, <c>85.20 %</c>, <c>3 min 05 s</c>.</summary>
    public static class Human
    {
        private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

        /// <summary>Four significant digits in plain notation from 0.0001 to 1,000,000, else <c>3.21e-05</c>; "skipped" for NaN (a term at weight 0).</summary>
        public static string Number(double v)
        {
            if (double.IsNaN(v)) return "skipped";
            if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
            double a = Math.Abs(v);
            if (a == 0) return "0";
            if (a < 1e-4 || a >= 1e6) return v.ToString("0.00e+00", Invariant);
            int decimals = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(a)));
            return Math.Round(v, decimals).ToString("0." + new string('#', decimals), Invariant);
        }

        /// <summary>A count with a k/M/G suffix above 10,000: <c>9,999</c>, <c>52.3k</c>, <c>1.25M</c>.</summary>
        public static string Count(double n) => Math.Abs(n) switch
        {
            < 10_000 => n.ToString("N0", Invariant),
            < 1e6 => (n / 1e3).ToString("0.#", Invariant) + "k",
            < 1e9 => (n / 1e6).ToString("0.##", Invariant) + "M",
            _ => (n / 1e9).ToString("0.##", Invariant) + "G",
        };

        /// <summary><c>1 epoch</c>, <c>3 epochs</c>.</summary>
        public static string Plural(long n, string noun) => $"{n:N0} {noun}{(n == 1 ? "" : "s")}";

        public static string Percent(double fraction) => double.IsFinite(fraction) ? (fraction * 100).ToString("0.00", Invariant) + " %" : "n/a";

        /// <summary><c>42 s</c>, <c>3 min 05 s</c>, <c>1 h 02 min</c>.</summary>
        public static string Duration(double seconds)
        {
            if (!double.IsFinite(seconds) || seconds < 0) return "?";
            var t = TimeSpan.FromSeconds(Math.Round(seconds));
            if (t.TotalHours >= 1) return $"{(int)t.TotalHours} h {t.Minutes:00} min";
            if (t.TotalMinutes >= 1) return $"{t.Minutes} min {t.Seconds:00} s";
            return $"{t.Seconds} s";
        }

        /// <summary>A rate: <c>12.3 steps/s</c>, or <c>1.5 s/step</c> when slower than one a second.</summary>
        public static string Rate(double perSecond) =>
            !double.IsFinite(perSecond) || perSecond <= 0 ? "? steps/s"
            : perSecond >= 1 ? Number(Math.Round(perSecond, perSecond >= 100 ? 0 : 1)) + " steps/s"
            : Number(Math.Round(1 / perSecond, 1)) + " s/step";
    }
}
