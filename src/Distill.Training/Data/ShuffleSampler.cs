using System;
using Distill.Runtime.Samplers;

namespace Distill.Training.Data
{
    /// <summary>
    /// Plain shuffled batches: a seeded permutation per epoch, cut into batches (the last partial
    /// batch is dropped). A pure function of (seed, epoch), like every <see cref="BatchSampler"/>.
    /// </summary>
    public sealed class ShuffleSampler(int count, int batchSize, int seed) : BatchSampler(seed)
    {
        private int _epoch = -1;
        private long[] _order = [];

        public override int BatchesPerEpoch => count / batchSize;

        public override long[] Batch(int epoch, int index)
        {
            if (epoch != _epoch)
            {
                _order = new long[count];
                for (int i = 0; i < count; i++) _order[i] = i;
                RandomFor(epoch, 0).Shuffle(_order);
                _epoch = epoch;
            }
            return _order.AsSpan(index * batchSize, batchSize).ToArray();
        }
    }
}
