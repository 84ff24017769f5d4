using System.Collections.Generic;
using static TorchSharp.torch;

namespace Distill.Runtime.Samplers
{
    /// <summary>
    /// CCKD's superclass uniform random sampler (SUR): k-means on the teacher's embeddings groups
    /// the dataset into <c>superclasses</c> clusters, then batches are drawn class-uniformly over
    /// those clusters (see <see cref="ClassUniformSampler"/>), so each batch holds several
    /// teacher-similar samples of a few superclasses.
    /// </summary>
    public sealed class SuperclassSampler : BatchSampler
    {
        private readonly ClassUniformSampler _inner;

        /// <param name="teacherEmbeddings">N×D teacher embeddings, row i for dataset item i.</param>
        /// <param name="superclasses">The number of k-means clusters.</param>
        /// <param name="superclassesPerBatch">Distinct superclasses per batch.</param>
        /// <param name="samplesPerSuperclass">Samples drawn from each chosen superclass.</param>
        /// <param name="seed">Seed of the clustering and of every draw.</param>
        /// <param name="batchesPerEpoch">Batches per epoch; by default ⌊N / batch size⌋.</param>
        public SuperclassSampler(Tensor teacherEmbeddings, int superclasses, int superclassesPerBatch, int samplesPerSuperclass, int seed, int? batchesPerEpoch = null)
            : base(seed)
        {
            var clusters = KMeans.Cluster(teacherEmbeddings, superclasses, seed);
            var labels = new long[clusters.Length];
            for (int i = 0; i < clusters.Length; i++) labels[i] = clusters[i];
            Superclasses = labels;
            _inner = new ClassUniformSampler(labels, superclassesPerBatch, samplesPerSuperclass, seed, batchesPerEpoch);
        }

        /// <summary>The superclass (k-means cluster) of every dataset item.</summary>
        public IReadOnlyList<long> Superclasses { get; }

        public override int BatchesPerEpoch => _inner.BatchesPerEpoch;

        public override long[] Batch(int epoch, int index) => _inner.Batch(epoch, index);
    }
}
