using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Distill.Runtime
{
    /// <summary>The collective helpers built on <see cref="IProcessGroup"/> that terms, objectives and training share.</summary>
    public static class Gathering
    {
        /// <summary>
        /// The global batch as this rank sees it: every rank's rows in rank order, the other ranks' detached and
        /// this rank's own tensor in its place, so autograd carries the gradient of anything computed from the
        /// result to this rank's rows. Every rank computes the same value; no communication in the backward pass.
        /// </summary>
        public static Tensor Rows(IProcessGroup group, Tensor own)
        {
            if (group.Size == 1) return own;
            var parts = group.AllGather(own);
            if (parts.Length != group.Size)
                throw new InvalidOperationException($"all-gather returned {parts.Length} parts for {group.Size} ranks.");
            parts[group.Rank] = own;
            return cat(parts.Select(p => p.device == own.device ? p : p.to(own.device)).ToArray(), 0);
        }

        /// <summary>
        /// The sum of <paramref name="own"/> over the ranks, differentiable: the forward pass all-reduces the values and
        /// the backward pass all-reduces their gradients, so the gradient reaching each rank's <paramref name="own"/> is
        /// the gradient of the sum of every rank's loss (what torch.distributed.nn's all_reduce does). A statistic of the
        /// global batch built from it (SyncBatchNorm's mean and variance) therefore passes the other ranks' share of the
        /// gradient back to this rank's rows. Every rank must run the backward pass through it (in the same order).
        /// With one process it returns <paramref name="own"/> itself.
        /// </summary>
        public static Tensor Sum(IProcessGroup group, Tensor own)
        {
            if (group.Size == 1) return own;
            return AllReduceSumFunction.apply(own, new GroupBox(group));
        }

        /// <summary>The group as a non-tensor argument of the autograd function (its one instance is shared by all calls).</summary>
        private sealed record GroupBox(IProcessGroup Group);

        private sealed class AllReduceSumFunction : TorchSharp.torch.autograd.SingleTensorFunction<AllReduceSumFunction>
        {
            public override string Name => "DistillAllReduceSum";

            public override Tensor forward(TorchSharp.torch.autograd.AutogradContext ctx, params object[] vars)
            {
                var box = (GroupBox)vars[1];
                ctx.save_data("group", box);
                return Reduced(box.Group, (Tensor)vars[0]);
            }

            public override List<Tensor> backward(TorchSharp.torch.autograd.AutogradContext ctx, Tensor grad_output)
            {
                var box = (GroupBox)ctx.get_data("group");
                return [Reduced(box.Group, grad_output), null!];
            }

            /// <summary>A contiguous copy summed over the ranks (never the caller's tensor in place).</summary>
            private static Tensor Reduced(IProcessGroup group, Tensor value)
            {
                var sum = value.contiguous().clone();
                group.AllReduceSum(sum);
                return sum;
            }
        }

        /// <summary>Averages <paramref name="values"/> over the ranks (one float64 all-reduce for all of them).</summary>
        public static double[] Mean(IProcessGroup group, params double[] values)
        {
            if (group.Size == 1) return values;
            using var t = tensor(values, ScalarType.Float64);
            group.AllReduceSum(t);
            var sums = t.data<double>().ToArray();
            return sums.Select(s => s / group.Size).ToArray();
        }

        /// <summary>
        /// A tensor whose value is exactly <paramref name="value"/> and whose gradient is <paramref name="factor"/>
        /// times its gradient (value.detach() + (value − value.detach())·factor; the bracket is exactly zero).
        /// </summary>
        public static Tensor ScaleGradient(Tensor value, double factor)
        {
            if (factor == 1 || !value.requires_grad) return value;
            var constant = value.detach();
            return constant + (value - constant) * factor;
        }
    }
}
