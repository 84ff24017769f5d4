namespace Distill.Runtime.Terms
{
    /// <summary>How <see cref="PadTerm"/> reduces the per-sample losses over the batch.</summary>
    public enum PadReduction
    {
        /// <summary>Average over samples (torchdistill's current default).</summary>
        Mean,
        /// <summary>Sum over samples (older torchdistill releases).</summary>
        Sum,
    }
}
