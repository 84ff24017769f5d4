using System;
using System.Collections.Generic;

namespace Distill.Runtime.Training
{
    /// <summary>
    /// Batches of a seeded shuffle, a pure function of (seed, epoch), so a resumed run draws the
    /// same batches without saving any generator state. The last partial batch is dropped.
    /// </summary>
    public sealed class ShuffleSampler(int count, int batchSize, int seed) : IBatchSampler
    {
        public int StepsPerEpoch => count / batchSize;

        public IReadOnlyList<long[]> Epoch(int epoch)
        {
            var order = new long[count];
            for (int i = 0; i < count; i++) order[i] = i;
            new Random(unchecked(seed * 7919 + epoch)).Shuffle(order);
            var batches = new List<long[]>(StepsPerEpoch);
            for (int b = 0; b < StepsPerEpoch; b++) batches.Add(order.AsSpan(b * batchSize, batchSize).ToArray());
            return batches;
        }
    }
}
