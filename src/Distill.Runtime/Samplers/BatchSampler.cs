using System;
using System.Collections.Generic;

namespace Distill.Runtime.Samplers
{
    /// <summary>
    /// Yields batches of dataset indices, deterministically from a seed. Every batch is a pure
    /// function of (seed, epoch, batch index), so a run resumes at any epoch and position
    /// with <see cref="Epoch"/>'s <c>startBatch</c> and gets exactly the batches it would have seen.
    /// </summary>
    public abstract class BatchSampler
    {
        protected BatchSampler(int seed) => Seed = seed;

        /// <summary>The seed every batch is derived from.</summary>
        public int Seed { get; }

        /// <summary>How many batches one epoch has.</summary>
        public abstract int BatchesPerEpoch { get; }

        /// <summary>Batch <paramref name="index"/> (0-based) of <paramref name="epoch"/>.</summary>
        public abstract long[] Batch(int epoch, int index);

        /// <summary>The batches of <paramref name="epoch"/> from <paramref name="startBatch"/> on (resume a run there).</summary>
        public IEnumerable<long[]> Epoch(int epoch, int startBatch = 0)
        {
            if (startBatch < 0 || startBatch > BatchesPerEpoch)
                throw new ArgumentOutOfRangeException(nameof(startBatch), $"must be in [0, {BatchesPerEpoch}]");
            for (int b = startBatch; b < BatchesPerEpoch; b++) yield return Batch(epoch, b);
        }

        /// <summary>A generator for (epoch, stream): independent of every other pair, the same on every run.</summary>
        protected Random RandomFor(int epoch, long stream)
        {
            ulong x = unchecked((ulong)Seed * 0x9E3779B97F4A7C15UL ^ (ulong)epoch * 0xBF58476D1CE4E5B9UL ^ (ulong)stream * 0x94D049BB133111EBUL);
            x ^= x >> 30; x = unchecked(x * 0xBF58476D1CE4E5B9UL);
            x ^= x >> 27; x = unchecked(x * 0x94D049BB133111EBUL);
            x ^= x >> 31;
            return new Random(unchecked((int)x));
        }
    }
}
