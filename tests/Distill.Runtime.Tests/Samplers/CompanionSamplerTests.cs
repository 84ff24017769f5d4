using System.Linq;
using Distill.Runtime.Samplers;

namespace Distill.Runtime.Tests.Samplers;

public class CompanionSamplerTests
{
    private static readonly long[] Labels = Enumerable.Range(0, 40).Select(i => (long)(i * 7 % 5)).ToArray();

    [Fact]
    public void Companions_share_their_anchors_class_and_differ_from_it()
    {
        var sampler = new CompanionSampler(Labels, anchorsPerBatch: 4, companions: 2, seed: 3);
        foreach (var batch in sampler.Epoch(1))
            foreach (var group in batch.Chunk(3))
            {
                Assert.All(group, i => Assert.Equal(Labels[group[0]], Labels[i]));
                Assert.DoesNotContain(group[0], group.Skip(1));
            }
    }

    [Fact]
    public void Every_item_is_an_anchor_once_per_epoch()
    {
        var sampler = new CompanionSampler(Labels, anchorsPerBatch: 8, companions: 1, seed: 4);
        var anchors = sampler.Epoch(0).SelectMany(b => b.Chunk(2).Select(g => g[0])).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), anchors.OrderBy(i => i));
    }

    [Fact]
    public void Deterministic_and_resumable()
    {
        var a = new CompanionSampler(Labels, 4, 2, seed: 9);
        var b = new CompanionSampler(Labels, 4, 2, seed: 9);
        Assert.Equal(a.Epoch(2).ToList(), b.Epoch(2).ToList());
        Assert.Equal(a.Epoch(2).Skip(5).ToList(), b.Epoch(2, startBatch: 5).ToList());
        Assert.NotEqual(a.Epoch(2).ToList(), a.Epoch(3).ToList());
    }

    [Fact]
    public void An_anchor_alone_in_its_class_is_its_own_companion()
    {
        var sampler = new CompanionSampler([0, 1, 1, 1], anchorsPerBatch: 4, companions: 2, seed: 0);
        var group = sampler.Batch(0, 0).Chunk(3).Single(g => g[0] == 0);
        Assert.Equal([0L, 0L, 0L], group);
    }
}
