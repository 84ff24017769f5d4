using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// SSKD's two filtered losses and what they kept: <see cref="Tf"/> (augmented-view KD) and
    /// <see cref="Ss"/> (self-supervised similarity KD), unweighted scalars; <see cref="KeepTf"/> and
    /// <see cref="KeepSs"/> are the kept augmented rows (int64 indices into the 3B rows, ascending).
    /// </summary>
    public sealed record SskdParts(Tensor Tf, Tensor Ss, Tensor KeepTf, Tensor KeepSs);
}
