using System;
using System.Globalization;
using System.Linq;

namespace Distill.Cli.Demo
{
    /// <summary>Parses <c>--seeds</c>: a range <c>FIRST..LAST</c> (e.g. <c>1..5</c>) or a comma list (<c>1,3,7</c>).</summary>
    public static class SeedList
    {
        public const int MaxSeeds = 100;

        public static int[] Parse(string text)
        {
            string t = text.Trim();
            int dots = t.IndexOf("..", StringComparison.Ordinal);
            int[] seeds;
            if (dots >= 0)
            {
                int first = Integer(t[..dots], text), last = Integer(t[(dots + 2)..], text);
                if (last < first) throw Error(text, $"the range ends ({last}) before it starts ({first})");
                if ((long)last - first + 1 > MaxSeeds) throw Error(text, $"at most {MaxSeeds} seeds");
                seeds = Enumerable.Range(first, last - first + 1).ToArray();
            }
            else
            {
                seeds = t.Split(',').Select(s => Integer(s, text)).ToArray();
                if (seeds.Length > MaxSeeds) throw Error(text, $"at most {MaxSeeds} seeds");
                if (seeds.Distinct().Count() != seeds.Length) throw Error(text, "a seed is listed twice");
            }
            return seeds;
        }

        private static int Integer(string part, string text) =>
            int.TryParse(part.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)
                ? v
                : throw Error(text, $"'{part.Trim()}' is not an integer");

        private static ArgumentException Error(string text, string why) =>
            new($"--seeds '{text}': {why}; use FIRST..LAST (e.g. 1..5) or a comma list (e.g. 1,3,7).");
    }
}
