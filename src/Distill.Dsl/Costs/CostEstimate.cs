namespace Distill.Dsl.Costs
{
    /// <summary>
    /// What one evaluation of a term costs at a size: its time and memory orders (<c>O(N³)</c>), the
    /// forward floating-point operations, the peak number of temporary elements, and the time the
    /// calibration predicts for forward plus backward on the calibration machine.
    /// </summary>
    public sealed record CostEstimate(string TimeOrder, string MemoryOrder, double Flops, double PeakElements, double Seconds)
    {
        /// <summary>Peak temporary memory in bytes for float32 (4 bytes per element).</summary>
        public double PeakBytes => PeakElements * 4;
    }
}
