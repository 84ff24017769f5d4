using System;
using System.Collections.Generic;
using System.Linq;

namespace Distill.Dsl.Text
{
    /// <summary>
    /// Did-you-mean by edit distance (Levenshtein, case-insensitive), bounded so that hostile input stays
    /// linear: names longer than <see cref="MaxNameLength"/> get no suggestion, only the first
    /// <see cref="MaxCandidates"/> candidates are compared, and the distance is computed in a band of width
    /// 2·<see cref="MaxEdits"/> + 1, so one lookup costs at most MaxCandidates × (MaxNameLength + MaxEdits) × 7 steps.
    /// The binder also caps the number of lookups per recipe.
    /// </summary>
    public static class Suggestions
    {
        /// <summary>The most edits a suggestion may be away.</summary>
        public const int MaxEdits = 3;

        /// <summary>Longer typed names get no suggestion (no recipe name is anywhere near this long).</summary>
        public const int MaxNameLength = 64;

        /// <summary>How many candidates one lookup compares, in the order given (terms, schedules, then lets).</summary>
        public const int MaxCandidates = 1000;

        /// <summary>
        /// The nearest candidate, if it is closer than the typed word is long and at most three
        /// edits away (so 'temp' suggests 'T', 'kdd' suggests 'kd', 'xy' suggests nothing); ties go
        /// to the earlier candidate.
        /// </summary>
        public static string? Closest(string typed, IEnumerable<string> candidates)
        {
            if (typed.Length > MaxNameLength) return null;
            string lowered = typed.ToLowerInvariant();
            int limit = Math.Min(MaxEdits, typed.Length - 1);
            string? best = null;
            foreach (var candidate in candidates.Take(MaxCandidates))
            {
                if (Math.Abs(candidate.Length - typed.Length) > limit) continue;
                int d = Distance(lowered, candidate.ToLowerInvariant(), limit);
                if (d <= limit)
                {
                    best = candidate;
                    if (d == 0) break;
                    limit = d - 1;
                }
            }
            return best;
        }

        /// <summary>The Levenshtein distance of <paramref name="a"/> and <paramref name="b"/>, or any value above <paramref name="max"/> when it exceeds it.</summary>
        public static int Distance(string a, string b, int max = int.MaxValue)
        {
            max = Math.Min(max, Math.Max(a.Length, b.Length));
            if (max < 0 || Math.Abs(a.Length - b.Length) > max) return max + 1;
            int outside = max + 1;
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j <= max ? j : outside;
            for (int i = 1; i <= a.Length; i++)
            {
                int from = Math.Max(1, i - max), to = Math.Min(b.Length, i + max);
                current[from - 1] = from == 1 ? i : outside;
                int rowMin = current[from - 1];
                for (int j = from; j <= to; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int d = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                    current[j] = Math.Min(d, outside);
                    rowMin = Math.Min(rowMin, current[j]);
                }
                if (to < b.Length) current[to + 1] = outside;
                if (rowMin > max) return outside;
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
