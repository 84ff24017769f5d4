using Distill.Dsl.Costs;

namespace Distill.Dsl.Tests;

public class CostTests
{
    [Fact]
    public void Rkd_angle_is_cubic_in_the_batch_and_about_half_a_gigaflop_at_256()
    {
        var cost = TermCosts.Estimate("rkd.angle", new CostSize(256, 128, 100))!;

        // 4·N²·D for the two distance matrices plus 30 operations per triplet: 33.6 M + 503.3 M.
        Assert.Equal(4.0 * 256 * 256 * 128 + 30.0 * 256 * 256 * 256, cost.Flops);
        Assert.Equal("O(N²·D + N³)", cost.TimeOrder);
        Assert.Equal("O(N²)", cost.MemoryOrder);
        Assert.StartsWith("time O(N²·D + N³) ≈ 537 MFLOP", TermCosts.Describe(cost));
        double ratio = TermCosts.Estimate("rkd.angle", new CostSize(2048, 128, 100))!.Flops / TermCosts.Estimate("rkd.angle", new CostSize(1024, 128, 100))!.Flops;
        Assert.InRange(ratio, 7.5, 8.0);
    }

    [Fact]
    public void Every_built_in_term_has_a_model_and_user_terms_have_none()
    {
        foreach (var term in new[] { "ce", "kd", "sskd", "rkd.distance", "rkd.angle", "sp", "cc", "seed", "bake", "pad" })
            Assert.NotNull(TermCosts.Estimate(term, CostSize.Reference));
        Assert.Null(TermCosts.Estimate("user.scale", CostSize.Reference));
    }

    [Fact]
    public void Kd_is_linear_in_batch_and_classes()
    {
        var small = TermCosts.Estimate("kd", new CostSize(64, 128, 100))!;
        var large = TermCosts.Estimate("kd", new CostSize(128, 128, 200))!;

        Assert.Equal(4 * small.Flops, large.Flops);
        Assert.Equal(4 * small.PeakElements, large.PeakElements);
    }
}
