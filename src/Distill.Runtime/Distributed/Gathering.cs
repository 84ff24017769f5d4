using System;
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
