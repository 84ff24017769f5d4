using System;
using System.Collections.Generic;

namespace Distill.Dsl.Text
{
    /// <summary>Did-you-mean by edit distance (Levenshtein, case-insensitive).</summary>
    public static class Suggestions
    {
        /// <summary>
        /// The nearest candidate, if it is closer than the typed word is long and at most three
        /// edits away (so 'temp' suggests 'T', 'kdd' suggests 'kd', 'xy' suggests nothing); ties go
        /// to the earlier candidate.
        /// </summary>
        public static string? Closest(string typed, IEnumerable<string> candidates)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (var candidate in candidates)
            {
                int d = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
                if (d < bestDistance && d < typed.Length && d <= 3)
                {
                    best = candidate;
                    bestDistance = d;
                }
            }
            return best;
        }

        public static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
