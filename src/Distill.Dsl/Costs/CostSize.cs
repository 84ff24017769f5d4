namespace Distill.Dsl.Costs
{
    /// <summary>The size a cost is estimated at: batch rows N, feature columns D, logit columns C.</summary>
    public sealed record CostSize(long Batch, long Dim, long Classes)
    {
        /// <summary>The size hover shows when none is given: N = 256, D = 128, C = 100 (also `distill bench`'s defaults).</summary>
        public static CostSize Reference { get; } = new CostSize(256, 128, 100);
    }
}
