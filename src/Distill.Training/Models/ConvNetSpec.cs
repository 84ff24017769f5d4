using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
namespace Distill.Training.Models
{
    /// <summary>
    /// The shape of a <see cref="ConvNet"/>: two conv blocks of <see cref="Channels1"/> and
    /// <see cref="Channels2"/> channels, an embedding of <see cref="EmbeddingDim"/> and
    /// <see cref="Classes"/> logits. Teacher and student share the embedding width so that
    /// terms comparing embeddings directly (pad, seed) work. <see cref="Teacher"/> (48/96 channels,
    /// 354k parameters with heads) is 5.6× <see cref="Student"/> (8/16, 63k): a real capacity gap, so
    /// that the demo's distillation has something to transfer (docs/results.md).
    /// </summary>
    public sealed record ConvNetSpec(int Channels1, int Channels2, int EmbeddingDim, int Classes = 10, int ProjectionDim = 32)
    {
        public static ConvNetSpec Teacher { get; } = new(48, 96, 64);
        public static ConvNetSpec Student { get; } = new(8, 16, 64);
    }
}
