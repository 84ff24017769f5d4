using System.Collections.Generic;
using Distill.Training.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Distill.Training.Tests;

/// <summary>Plain TorchSharp models with no Distill types in them: features (a Sequential) then flatten and fc.</summary>
internal static class SmallNets
{
    /// <summary>features.0 conv, .1 relu, .2 pool (C×14×14), .3 conv, .4 relu, .5 pool (2C×7×7); flatten; fc (2C·49 → 10).</summary>
    public static Module<Tensor, Tensor> Create(int channels, int seed)
    {
        lock (typeof(SmallNets))
        {
            // One libtorch thread, as the trainer tests use: two threads contending on a busy machine are several times slower.
            TorchSharp.torch.set_num_threads(1);
            TorchSharp.torch.manual_seed(seed);
            return Sequential(
                ("features", Sequential(Conv2d(1, channels, 3, padding: 1), ReLU(), MaxPool2d(2), Conv2d(channels, 2 * channels, 3, padding: 1), ReLU(), MaxPool2d(2))),
                ("flatten", Flatten()),
                ("fc", Linear(2 * channels * 49, 10)));
        }
    }

    /// <summary>A TorchSharp Dataset over labelled images, for DataLoader.</summary>
    public sealed class ImagesDataset(LabelledImages data) : TorchSharp.torch.utils.data.Dataset
    {
        public override long Count => data.Count;

        public override Dictionary<string, Tensor> GetTensor(long index) =>
            new() { ["data"] = data.Images[index], ["label"] = data.Labels[index] };
    }
}
