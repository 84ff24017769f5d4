using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Distill.Runtime
{
    /// <summary>
    /// The result of one <c>Compute</c>: <see cref="Total"/> (scalar, with autograd) and the per-term
    /// breakdown for logging. Owns its tensors: dispose it (or let an outer dispose scope do so).
    /// </summary>
    public sealed class LossResult(Tensor total, IReadOnlyList<TermValue> terms) : IDisposable
    {
        public Tensor Total { get; } = total;
        public IReadOnlyList<TermValue> Terms { get; } = terms;

        public void Dispose()
        {
            Total.Dispose();
            foreach (var t in Terms)
            {
                t.Value?.Dispose();
                t.Graph?.Dispose();
            }
        }
    }
}
