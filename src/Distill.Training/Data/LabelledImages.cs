using System;
using TorchSharp;
using static TorchSharp.torch;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Models;

namespace Distill.Training.Data
{
    /// <summary>Images N×1×H×W (float32, scaled to [0, 1] and standardised) with int64 labels N, on the CPU.</summary>
    public sealed class LabelledImages(Tensor images, Tensor labels) : IDisposable
    {
        public Tensor Images { get; } = images;
        public Tensor Labels { get; } = labels;
        public int Count => (int)Labels.shape[0];

        /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> as a new set.</summary>
        public LabelledImages Slice(int start, int count) =>
            new(Images.narrow(0, start, count).clone(), Labels.narrow(0, start, count).clone());

        public static LabelledImages FromIdx(IdxData images, IdxData labels, string imagesName, string labelsName)
        {
            if (images.Count != labels.Count)
                throw new IdxFormatException(labelsName, $"has {labels.Count} labels but {imagesName} has {images.Count} images.");
            using var scope = NewDisposeScope();
            var raw = tensor(images.Bytes, new long[] { images.Count, 1, images.Shape[1], images.Shape[2] });
            var x = (raw.to_type(ScalarType.Float32) / 255f - FashionMnist.Mean) / FashionMnist.Std;
            var y = tensor(labels.Bytes, new long[] { labels.Count }).to_type(ScalarType.Int64);
            return new LabelledImages(x.MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope());
        }

        public void Dispose()
        {
            Images.Dispose();
            Labels.Dispose();
        }
    }
}
