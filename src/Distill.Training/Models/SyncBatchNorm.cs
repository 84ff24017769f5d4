using System;
using System.Linq;
using Distill.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Training.Models
{
    /// <summary>
    /// A model whose BatchNorm layers can normalise over the global batch of a data-parallel run (PyTorch's
    /// SyncBatchNorm). <see cref="Distiller.Fit"/> sets <see cref="BatchNormGroup"/> to its group for the run (when
    /// <see cref="Distiller.SyncBatchNorm"/> is on, the default) and back to <see cref="SingleProcess"/> after it.
    /// </summary>
    public interface ISyncBatchNorm
    {
        /// <summary>The ranks whose rows share each BatchNorm layer's batch statistics in training mode.</summary>
        IProcessGroup BatchNormGroup { get; set; }
    }

    /// <summary>
    /// Synchronised batch normalisation over an <see cref="IProcessGroup"/>, for any TorchSharp
    /// <see cref="BatchNorm"/> (1d, 2d, 3d) used as a function of its own parameters and buffers, so the module, its
    /// parameter names and its checkpoints stay those of the built-in layer. In training mode with K &gt; 1 ranks
    /// the mean and the biased variance are those of all ranks' rows together: each rank sums its rows (and counts
    /// them), the sums are all-reduced, then each sums its squared deviations from that global mean, all-reduced
    /// again (two passes, as one process computes them, so no cancellation of E[x²] − E[x]²). Both all-reduces are
    /// <see cref="Gathering.Sum"/>, whose backward pass all-reduces the gradients, so each rank's input gradient is
    /// that of the global batch. The running statistics move as one process's would on the global batch (momentum,
    /// unbiased global variance, num_batches_tracked), identically on every rank. With one process, or in eval
    /// mode, it is the layer's own forward: the same numbers as plain BatchNorm, and no communication.
    /// </summary>
    public static class SyncBatchNorm
    {
        /// <summary>
        /// <paramref name="norm"/> applied to <paramref name="input"/> (N×C or N×C×…), with batch statistics over all of
        /// <paramref name="group"/>'s rows in training mode. Every rank must call it for the same layers in the same order.
        /// </summary>
        public static Tensor Forward(BatchNorm norm, Tensor input, IProcessGroup group)
        {
            if (group.Size == 1 || !norm.training) return norm.call(input);
            if (input.dim() < 2) throw new ArgumentException($"BatchNorm needs N×C or N×C×… input; got shape [{string.Join(", ", input.shape)}].", nameof(input));
            long channels = input.shape[1];
            long[] dims = [0, .. Enumerable.Range(2, (int)input.dim() - 2).Select(d => (long)d)];
            long[] perChannel = [1, channels, .. Enumerable.Repeat(1L, (int)input.dim() - 2)];

            // Statistics in float64, as ATen's CPU batch_norm accumulates them for float32 input.
            long rows = input.numel() / channels;
            var local = cat([input.sum(dims, type: ScalarType.Float64), tensor(new double[] { rows }, ScalarType.Float64, input.device)]);
            var totals = Gathering.Sum(group, local);
            double count = totals[channels].item<double>();
            if (count < 2) throw new ArgumentException($"SyncBatchNorm needs more than one value per channel over all ranks; got {count}.", nameof(input));
            var mean = totals.narrow(0, 0, channels) / count;
            var centred = input - mean.to_type(input.dtype).view(perChannel);
            var squares = Gathering.Sum(group, centred.square().sum(dims, type: ScalarType.Float64));
            var variance = squares / count;
            var output = centred * (variance + norm.eps).rsqrt().to_type(input.dtype).view(perChannel);
            if (norm.weight is not null) output = output * norm.weight.view(perChannel);
            if (norm.bias is not null) output = output + norm.bias.view(perChannel);

            if (norm.track_running_stats && norm.running_mean is not null && norm.running_var is not null)
                using (no_grad())
                {
                    double factor = norm.momentum ?? 0.0;
                    if (norm.num_batches_tracked is not null)
                    {
                        norm.num_batches_tracked.add_(1);
                        if (norm.momentum is null) factor = 1.0 / norm.num_batches_tracked.to_type(ScalarType.Float64).item<double>();
                    }
                    var runningMean = norm.running_mean;
                    var runningVar = norm.running_var;
                    runningMean.mul_(1 - factor).add_(mean.detach().to_type(runningMean.dtype) * factor);
                    runningVar.mul_(1 - factor).add_((squares.detach() / (count - 1)).to_type(runningVar.dtype) * factor);
                }
            return output;
        }

        /// <summary>Sets <paramref name="group"/> on every <see cref="ISyncBatchNorm"/> module in <paramref name="model"/> (itself included); returns how many.</summary>
        public static int Use(nn.Module model, IProcessGroup group)
        {
            int count = 0;
            foreach (var module in model.modules().Prepend(model).Distinct())
                if (module is ISyncBatchNorm sync)
                {
                    sync.BatchNormGroup = group;
                    count++;
                }
            return count;
        }
    }
}
