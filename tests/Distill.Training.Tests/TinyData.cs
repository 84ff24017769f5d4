using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using static TorchSharp.torch;

namespace Distill.Training.Tests;

/// <summary>Small learnable images: class c has a bright 4×4 block at a class-specific place on seeded noise.</summary>
internal static class TinyData
{
    public static LabelledImages Make(int count, int seed)
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var labels = arange(count, dtype: ScalarType.Int64).remainder(10);
        var images = randn(new long[] { count, 1, 28, 28 }, generator: generator) * 0.5f;
        for (int i = 0; i < count; i++)
        {
            int c = i % 10, row = 2 + (c / 5) * 12, col = 2 + (c % 5) * 5;
            images[i, 0, TensorIndex.Slice(row, row + 4), TensorIndex.Slice(col, col + 4)].add_(3f);
        }
        return new LabelledImages(images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
