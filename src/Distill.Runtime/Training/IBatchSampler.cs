using System.Collections.Generic;

namespace Distill.Runtime.Training
{
    /// <summary>The batches of one epoch as row indices; must be a pure function of the epoch for exact resume.</summary>
    public interface IBatchSampler
    {
        int StepsPerEpoch { get; }
        IReadOnlyList<long[]> Epoch(int epoch);
    }
}
