using System;
using System.Collections.Generic;
using System.Linq;

namespace Distill.Runtime.Samplers
{
    /// <summary>
    /// CCKD's class-uniform random sampler (CUR): each batch draws <see cref="ClassesPerBatch"/>
    /// distinct classes uniformly, then <see cref="SamplesPerClass"/> samples of each (without
    /// replacement when the class is large enough). A batch lists its classes' samples
    /// contiguously: [c₀ × k, c₁ × k, …].
    /// </summary>
    public sealed class ClassUniformSampler : BatchSampler
    {
        private readonly ClassIndex _index;

        /// <param name="labels">The class of every dataset item, by index.</param>
        /// <param name="classesPerBatch">Distinct classes per batch (at most the number of classes).</param>
        /// <param name="samplesPerClass">Samples drawn from each chosen class.</param>
        /// <param name="seed">Seed of every draw.</param>
        /// <param name="batchesPerEpoch">Batches per epoch; by default ⌊N / batch size⌋ (at least 1).</param>
        public ClassUniformSampler(IReadOnlyList<long> labels, int classesPerBatch, int samplesPerClass, int seed, int? batchesPerEpoch = null)
            : base(seed)
        {
            _index = new ClassIndex(labels);
            if (classesPerBatch < 1 || classesPerBatch > _index.Classes.Length)
                throw new ArgumentOutOfRangeException(nameof(classesPerBatch), $"must be in [1, {_index.Classes.Length}] (the number of classes)");
            if (samplesPerClass < 1) throw new ArgumentOutOfRangeException(nameof(samplesPerClass), "must be ≥ 1");
            ClassesPerBatch = classesPerBatch;
            SamplesPerClass = samplesPerClass;
            BatchesPerEpoch = batchesPerEpoch ?? Math.Max(1, labels.Count / BatchSize);
            if (BatchesPerEpoch < 1) throw new ArgumentOutOfRangeException(nameof(batchesPerEpoch), "must be ≥ 1");
        }

        public int ClassesPerBatch { get; }
        public int SamplesPerClass { get; }
        /// <summary>ClassesPerBatch × SamplesPerClass.</summary>
        public int BatchSize => ClassesPerBatch * SamplesPerClass;
        public override int BatchesPerEpoch { get; }

        public override long[] Batch(int epoch, int index)
        {
            var random = RandomFor(epoch, index);
            var classes = ClassIndex.Draw(Enumerable.Range(0, _index.Classes.Length).Select(c => (long)c).ToArray(), ClassesPerBatch, random);
            return classes.SelectMany(c => ClassIndex.Draw(_index.Members[c], SamplesPerClass, random)).ToArray();
        }
    }
}
