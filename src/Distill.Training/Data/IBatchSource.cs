using System.Collections.Generic;

namespace Distill.Training.Data
{
    /// <summary>
    /// Where a <see cref="Distiller"/> gets its batches: a fixed number per epoch, and each epoch's batches
    /// from a given one on (for resume). For a resumed run to match an uninterrupted one exactly, an
    /// epoch's batches must be a function of the epoch (a seeded sampler, a seeded <c>DataLoader</c>).
    /// Build one with <see cref="BatchSource"/>.
    /// </summary>
    public interface IBatchSource
    {
        int BatchesPerEpoch { get; }

        /// <summary>The batches of <paramref name="epoch"/> (0-based), starting at batch <paramref name="first"/>.</summary>
        IEnumerable<Batch> Epoch(int epoch, int first);
    }
}
