using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Training.Data;
using Distill.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Training
{
    /// <summary>
    /// The data-parallel steps of a training loop over an <see cref="IProcessGroup"/> (all no-ops with one
    /// process): weights broadcast from rank 0 at the start, each rank's block of every global batch, the
    /// parameter gradients averaged after backward and before the optimizer step, and metrics averaged. Each
    /// rank's objective already scales what it must (<see cref="ObjectiveBase.ProcessGroup"/>), so the averaged
    /// gradient is the gradient of the global batch's objective.
    /// </summary>
    public static class DataParallel
    {
        /// <summary>Overwrites <paramref name="parameters"/> and the buffers of <paramref name="model"/> with rank 0's (one broadcast per tensor).</summary>
        public static void BroadcastFromRoot(IProcessGroup group, IEnumerable<Tensor> parameters, nn.Module model)
        {
            if (group.Size == 1) return;
            using var noGrad = no_grad();
            foreach (var p in parameters) group.Broadcast(p, 0);
            BroadcastBuffers(group, model);
        }

        /// <summary>
        /// Overwrites the buffers (BatchNorm's running statistics) with rank 0's, as PyTorch's
        /// DistributedDataParallel does before every forward (broadcast_buffers=True), so that every rank
        /// evaluates and checkpoints the same model. The batch statistics themselves stay per rank.
        /// </summary>
        public static void BroadcastBuffers(IProcessGroup group, nn.Module model)
        {
            if (group.Size == 1) return;
            using var noGrad = no_grad();
            foreach (var (_, b) in model.named_buffers()) group.Broadcast(b, 0);
        }

        /// <summary>
        /// Rank <c>group.Rank</c>'s rows of a global batch: the contiguous block of B/K rows (input and labels),
        /// so the ranks' blocks are disjoint, cover the batch and keep its order. B must be a multiple of K.
        /// </summary>
        public static Batch Shard(IProcessGroup group, Batch global)
        {
            if (group.Size == 1) return global;
            long rows = global.Input.shape[0];
            if (rows % group.Size != 0)
                throw new ArgumentException($"a global batch of {rows} rows does not split evenly over {group.Size} ranks; "
                    + $"use a batch size that is a multiple of {group.Size}.", nameof(global));
            long size = rows / group.Size, start = group.Rank * size;
            return new Batch(global.Input.narrow(0, start, size), global.Labels?.narrow(0, start, size));
        }

        /// <summary>
        /// Replaces every gradient of <paramref name="parameters"/> by its mean over the ranks: the gradients are
        /// packed into one flat buffer, all-reduced once and unpacked. A parameter without a gradient on a rank counts
        /// as zero there; one without a gradient on every rank keeps none (one flag per parameter travels in the same
        /// buffer), so the optimiser skips it as it does with one process instead of applying weight decay and momentum
        /// to a zero gradient.
        /// </summary>
        public static void AverageGradients(IProcessGroup group, IReadOnlyList<Tensor> parameters)
        {
            if (group.Size == 1 || parameters.Count == 0) return;
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var dtype = parameters[0].dtype;
            var flags = tensor(parameters.Select(p => p.grad is null ? 0.0 : 1.0).ToArray(), dtype, parameters[0].device);
            var flat = cat([.. parameters.Select(p => (p.grad ?? zeros_like(p)).reshape(-1).to_type(dtype)), flags]);
            group.AllReduceSum(flat);
            var present = flat.narrow(0, flat.shape[0] - parameters.Count, parameters.Count).to_type(ScalarType.Float64).data<double>().ToArray();
            flat.div_(group.Size);
            long offset = 0;
            for (int i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                long n = p.numel();
                var mean = flat.narrow(0, offset, n).view_as(p).to_type(p.dtype);
                offset += n;
                if (present[i] == 0) continue;
                if (p.grad is null) p.grad = mean.clone().MoveToOuterDisposeScope();
                else p.grad.copy_(mean);
            }
        }

        /// <summary>
        /// One step's reductions in one float64 all-reduce: the total and per-term values averaged over the ranks, the
        /// train-accuracy counts summed (every rank's rows, not only this rank's), and whether any rank was asked to
        /// stop (so all ranks stop after the same step, whichever of them got the signal).
        /// </summary>
        public static (StepMetrics Step, long Correct, long Seen, bool Stop) Reduce(IProcessGroup group, StepMetrics step, long correct, long seen, bool stop)
        {
            if (group.Size == 1) return (step, correct, seen, stop);
            int terms = step.Terms.Count;
            using var t = tensor([step.Total, .. step.Terms.Select(x => x.Raw), correct, seen, stop ? 1 : 0], ScalarType.Float64);
            group.AllReduceSum(t);
            var sums = t.data<double>().ToArray();
            var mean = step with
            {
                Total = sums[0] / group.Size,
                Terms = step.Terms.Select((x, i) => x with { Raw = sums[i + 1] / group.Size }).ToList(),
            };
            return (mean, (long)sums[terms + 1], (long)sums[terms + 2], sums[terms + 3] > 0);
        }

        /// <summary>The step's total and per-term values averaged over the ranks (one all-reduce).</summary>
        public static StepMetrics Mean(IProcessGroup group, StepMetrics step)
        {
            if (group.Size == 1) return step;
            var mean = Gathering.Mean(group, [step.Total, .. step.Terms.Select(t => t.Raw)]);
            return step with
            {
                Total = mean[0],
                Terms = step.Terms.Select((t, i) => t with { Raw = mean[i + 1] }).ToList(),
            };
        }
    }
}
