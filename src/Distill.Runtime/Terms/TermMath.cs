using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Distill.Runtime.Terms
{
    /// <summary>Small numeric building blocks with the exact semantics of LOSSES.md §0.</summary>
    public static class TermMath
    {
        /// <summary>The eps of <c>F.normalize</c>.</summary>
        public const double NormEps = 1e-12;

        /// <summary>Row-wise x / max(‖x‖₂, 1e-12): torch's <c>F.normalize</c> itself, one native call.</summary>
        public static Tensor L2Normalize(Tensor x) => normalize(x, 2.0, 1, NormEps);

        /// <summary>
        /// A scalar 0 in <paramref name="x"/>'s dtype and device whose gradient with respect to
        /// <paramref name="x"/> is zeros: added to a loss that is constant in x, so backward() still reaches
        /// x (a zero gradient, not none). The sum of an empty slice of x, so it is 0 even if x holds ±∞ or NaN.
        /// </summary>
        public static Tensor ZeroGradientTo(Tensor x) => x.reshape(-1).narrow(0, 0, 0).sum();

        /// <summary>
        /// <paramref name="value"/> (a scalar computed without autograd) handed to autograd with the gradient
        /// <paramref name="gradient"/> = dL/d<paramref name="x"/>: value + Σ (x − detach x)·gradient, whose value is exactly
        /// <paramref name="value"/> (x − detach x is exactly 0) and whose gradient with respect to x is <paramref name="gradient"/>.
        /// How the fused CPU kernels (rkd.angle, seed, the Gram passes) enter the graph.
        /// </summary>
        public static Tensor WithGradient(Tensor value, Tensor x, Tensor gradient) =>
            value.Plus(((x - x.detach()) * gradient).sum());

        /// <summary>
        /// Σ over rows and classes of p·(log p − log q) with 0·log 0 = 0, for a constant target
        /// <paramref name="p"/>; the gradient reaches only <paramref name="logQ"/>. Each element is
        /// xlogy(p, p) − p·log q before the one sum (torch's <c>kl_div</c>), never two large sums that
        /// cancel when p ≈ q. Use <see cref="KlSumLog"/> where log p is at hand: it is exact at p = q.
        /// </summary>
        public static Tensor KlSum(Tensor p, Tensor logQ) =>
            kl_div(logQ, p, log_target: false, reduction: nn.Reduction.Sum);

        /// <summary>
        /// Σ over rows and classes of e^{log p}·(log p − log q) for a constant target given as log
        /// probabilities <paramref name="logP"/> (a log_softmax): torch's <c>kl_div(log q, log p,
        /// log_target = True)</c>, one fused call. The difference log p − log q is taken per element,
        /// so equal (or per-row shifted) logits give exactly 0 in any dtype, and a p that underflows
        /// to 0 contributes 0 while log p stays finite.
        /// </summary>
        public static Tensor KlSumLog(Tensor logP, Tensor logQ) =>
            kl_div(logQ, logP, log_target: true, reduction: nn.Reduction.Sum);
    }
}
