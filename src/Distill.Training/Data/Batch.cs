using static TorchSharp.torch;

namespace Distill.Training.Data
{
    /// <summary>
    /// One training batch: the models' input and, when the recipe reads <c>Labels</c>, int64 class indices.
    /// Tensors a source creates while it is enumerated are disposed after their step; tensors that existed
    /// before (a list of batches reused every epoch) are left alone.
    /// </summary>
    public sealed record Batch(Tensor Input, Tensor? Labels = null);
}
