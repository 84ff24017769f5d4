using System;
using System.Linq;
using Distill.Runtime.Samplers;

namespace Distill.Runtime.Tests.Samplers;

public class ClassUniformSamplerTests
{
    /// <summary>10 classes of unequal sizes (3 … 12 items), interleaved.</summary>
    private static readonly long[] Labels =
        Enumerable.Range(0, 10).SelectMany(c => Enumerable.Repeat((long)c, 3 + c)).OrderBy(l => (l * 7919) % 13).ToArray();

    [Fact]
    public void Same_seed_gives_the_same_batches_and_another_seed_different_ones()
    {
        var a = new ClassUniformSampler(Labels, 4, 3, seed: 1).Epoch(2).ToList();
        var b = new ClassUniformSampler(Labels, 4, 3, seed: 1).Epoch(2).ToList();
        var c = new ClassUniformSampler(Labels, 4, 3, seed: 2).Epoch(2).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Resuming_mid_epoch_continues_with_the_same_batches()
    {
        var sampler = new ClassUniformSampler(Labels, 4, 3, seed: 5);
        var whole = sampler.Epoch(3).ToList();
        var resumed = new ClassUniformSampler(Labels, 4, 3, seed: 5).Epoch(3, startBatch: 2).ToList();
        Assert.Equal(whole.Skip(2), resumed);
    }

    [Fact]
    public void Each_batch_holds_k_samples_of_each_of_P_distinct_classes()
    {
        var sampler = new ClassUniformSampler(Labels, classesPerBatch: 4, samplesPerClass: 3, seed: 7, batchesPerEpoch: 50);
        foreach (var batch in sampler.Epoch(0))
        {
            Assert.Equal(12, batch.Length);
            var groups = batch.Chunk(3).Select(g => g.Select(i => Labels[i]).Distinct().ToArray()).ToArray();
            Assert.All(groups, g => Assert.Single(g));
            Assert.Equal(4, groups.Select(g => g[0]).Distinct().Count());
            Assert.All(batch.Chunk(3), g => Assert.Equal(3, g.Distinct().Count()));
        }
    }

    [Fact]
    public void Classes_are_drawn_uniformly_whatever_their_size()
    {
        var sampler = new ClassUniformSampler(Labels, classesPerBatch: 2, samplesPerClass: 1, seed: 11, batchesPerEpoch: 2000);
        var counts = sampler.Epoch(0).SelectMany(b => b).GroupBy(i => Labels[i]).ToDictionary(g => g.Key, g => g.Count());
        double expected = 2000 * 2 / 10.0, sd = Math.Sqrt(2000 * 0.2 * 0.8);
        Assert.Equal(10, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, expected - 5 * sd, expected + 5 * sd));
    }

    [Fact]
    public void Too_many_classes_per_batch_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ClassUniformSampler(Labels, 11, 1, seed: 0));
        Assert.Contains("number of classes", error.Message);
    }
}
