using System;
using System.Collections.Generic;
using System.Linq;

namespace Distill.Runtime.Samplers
{
    /// <summary>The dataset indices of each class, classes in ascending order.</summary>
    internal sealed class ClassIndex
    {
        public ClassIndex(IReadOnlyList<long> labels)
        {
            if (labels.Count == 0) throw new ArgumentException("no labels", nameof(labels));
            var groups = Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key).ToList();
            Classes = groups.Select(g => g.Key).ToArray();
            Members = groups.Select(g => g.Select(i => (long)i).ToArray()).ToArray();
            ClassOf = labels.ToArray();
            Count = labels.Count;
        }

        public long[] Classes { get; }
        /// <summary>Members[c] = the indices whose label is Classes[c], ascending.</summary>
        public long[][] Members { get; }
        public long[] ClassOf { get; }
        public int Count { get; }

        public long[] MembersOf(long label) => Members[Array.BinarySearch(Classes, label)];

        /// <summary>
        /// <paramref name="k"/> items of <paramref name="pool"/>: without replacement when it has at
        /// least k (a partial Fisher–Yates shuffle), with replacement otherwise.
        /// </summary>
        public static long[] Draw(long[] pool, int k, Random random)
        {
            if (pool.Length < k) return Enumerable.Range(0, k).Select(_ => pool[random.Next(pool.Length)]).ToArray();
            var copy = (long[])pool.Clone();
            for (int i = 0; i < k; i++)
            {
                int j = random.Next(i, copy.Length);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }
            return copy[..k];
        }
    }
}
