using System;
using System.Collections.Generic;
using System.Linq;

namespace Distill.Runtime.Samplers
{
    /// <summary>
    /// BAKE's sampler: every epoch visits each item once as an anchor (in a seeded random order);
    /// each anchor is followed by <see cref="Companions"/> other items of its class, so the batch
    /// holds same-class neighbours to ensemble over. A batch is [a₀, a₀'s companions…, a₁, …].
    /// Companions exclude the anchor unless its class has no other item; they repeat when the
    /// class is too small.
    /// </summary>
    public sealed class CompanionSampler : BatchSampler
    {
        private readonly ClassIndex _index;
        private (int Epoch, long[] Order)? _anchors;

        /// <param name="labels">The class of every dataset item, by index.</param>
        /// <param name="anchorsPerBatch">Anchors per batch; the batch holds anchorsPerBatch × (1 + companions) items.</param>
        /// <param name="companions">M, the same-class companions per anchor (BAKE's <c>--intra-imgs</c>).</param>
        /// <param name="seed">Seed of every draw.</param>
        public CompanionSampler(IReadOnlyList<long> labels, int anchorsPerBatch, int companions, int seed) : base(seed)
        {
            _index = new ClassIndex(labels);
            if (anchorsPerBatch < 1 || anchorsPerBatch > labels.Count)
                throw new ArgumentOutOfRangeException(nameof(anchorsPerBatch), $"must be in [1, {labels.Count}] (the dataset size)");
            if (companions < 0) throw new ArgumentOutOfRangeException(nameof(companions), "must be ≥ 0");
            AnchorsPerBatch = anchorsPerBatch;
            Companions = companions;
        }

        public int AnchorsPerBatch { get; }
        public int Companions { get; }
        /// <summary>AnchorsPerBatch × (1 + Companions).</summary>
        public int BatchSize => AnchorsPerBatch * (1 + Companions);
        /// <summary>⌊N / AnchorsPerBatch⌋: the last partial batch of anchors is dropped.</summary>
        public override int BatchesPerEpoch => _index.Count / AnchorsPerBatch;

        public override long[] Batch(int epoch, int index)
        {
            if (index < 0 || index >= BatchesPerEpoch) throw new ArgumentOutOfRangeException(nameof(index), $"must be in [0, {BatchesPerEpoch})");
            var order = AnchorOrder(epoch);
            var random = RandomFor(epoch, index);
            var batch = new List<long>(BatchSize);
            foreach (long anchor in order.AsSpan(index * AnchorsPerBatch, AnchorsPerBatch))
            {
                batch.Add(anchor);
                var same = _index.MembersOf(_index.ClassOf[anchor]);
                var others = same.Length > 1 ? same.Where(i => i != anchor).ToArray() : same;
                batch.AddRange(ClassIndex.Draw(others, Companions, random));
            }
            return batch.ToArray();
        }

        private long[] AnchorOrder(int epoch)
        {
            if (_anchors is { } cached && cached.Epoch == epoch) return cached.Order;
            var order = ClassIndex.Draw(Enumerable.Range(0, _index.Count).Select(i => (long)i).ToArray(), _index.Count, RandomFor(epoch, -1));
            _anchors = (epoch, order);
            return order;
        }
    }
}
