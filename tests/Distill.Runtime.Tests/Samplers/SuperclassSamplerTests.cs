using System;
using System.Linq;
using Distill.Runtime.Samplers;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests.Samplers;

public class SuperclassSamplerTests
{
    /// <summary>Four tight blobs around far-apart centres in 3-D, 10 points each, shuffled; returns points and true blob.</summary>
    private static (double[] Points, int[] Blob) Blobs(int seed)
    {
        var random = new Random(seed);
        double[][] centres = [[10, 0, 0], [0, 10, 0], [0, 0, 10], [-10, -10, -10]];
        var blob = Enumerable.Range(0, 40).Select(i => i % 4).OrderBy(_ => random.Next()).ToArray();
        var points = blob.SelectMany(b => centres[b].Select(c => c + random.NextDouble() - 0.5)).ToArray();
        return (points, blob);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void KMeans_recovers_separable_clusters(int seed)
    {
        var (points, blob) = Blobs(seed);
        var clusters = KMeans.Cluster(points, 40, 3, k: 4, seed: seed);
        var pairs = Enumerable.Range(0, 40).Select(i => (blob[i], clusters[i])).Distinct().ToList();
        Assert.Equal(4, pairs.Count);
        Assert.Equal(4, pairs.Select(p => p.Item2).Distinct().Count());
    }

    [Fact]
    public void Batches_draw_superclasses_uniformly_from_the_teachers_clusters()
    {
        var (points, blob) = Blobs(5);
        using var embeddings = tensor(points, [40, 3], dtype: ScalarType.Float32);
        var sampler = new SuperclassSampler(embeddings, superclasses: 4, superclassesPerBatch: 2, samplesPerSuperclass: 3, seed: 5);
        Assert.Equal(40, sampler.Superclasses.Count);
        foreach (var batch in sampler.Epoch(0))
        {
            var groups = batch.Chunk(3).Select(g => g.Select(i => blob[i]).Distinct().Single()).ToArray();
            Assert.Equal(2, groups.Distinct().Count());
        }
        Assert.Equal(sampler.Epoch(1).ToList(), new SuperclassSampler(embeddings, 4, 2, 3, seed: 5).Epoch(1).ToList());
    }
}
