using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>Small numeric building blocks with the exact semantics of LOSSES.md §0.</summary>
    public static class TermMath
    {
        /// <summary>The eps of <c>F.normalize</c>.</summary>
        public const double NormEps = 1e-12;

        /// <summary>Row-wise x / max(‖x‖₂, 1e-12).</summary>
        public static Tensor L2Normalize(Tensor x) =>
            x / linalg.vector_norm(x, 2, [1], true).clamp_min(NormEps);

        /// <summary>
        /// Σ over rows and classes of p·(log p − log q) with 0·log 0 = 0, for a constant target
        /// <paramref name="p"/>; the gradient reaches only <paramref name="logQ"/>.
        /// </summary>
        public static Tensor KlSum(Tensor p, Tensor logQ) =>
            xlogy(p, p).sum() - (p * logQ).sum();
    }
}
