using System;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// RKD angle without the N×N×D difference tensor. With squared distances a = ‖eᵢ − eⱼ‖² and
    /// ρᵢⱼ = 1/max(‖eⱼ − eᵢ‖, 1e-12) (ρᵢᵢ = 0), the angle is the polarisation identity
    /// ψᵢⱼₖ = (aᵢⱼ + aᵢₖ − aⱼₖ)·ρᵢⱼ·ρᵢₖ / 2, i.e. the Gram form Gⱼₖ − Gᵢⱼ − Gᵢₖ + Gᵢᵢ over the norms.
    /// Anchors i are processed in blocks of c, so memory is O(c·N²); the exact gradient is accumulated
    /// in the same pass (dL/da, then dL/de = 2·(rowsum(S)·e − S·e) with S = dL/da + (dL/da)ᵀ).
    /// </summary>
    internal static class RkdAngleMath
    {
        /// <summary>The eps of <c>F.normalize</c> applied to each difference vector.</summary>
        public const double NormEps = 1e-12;

        /// <summary>Elements per block (c·N²) when the chunk is automatic.</summary>
        public const long AutoBlockElements = 1L << 18;

        public static long ChunkFor(long n, int chunk) =>
            chunk > 0 ? Math.Min(chunk, n) : Math.Clamp(AutoBlockElements / (n * n), 1, n);

        /// <summary>Exact pairwise distances ‖eᵢ − eⱼ‖ (no expansion, so duplicates give exactly 0).</summary>
        public static Tensor Distances(Tensor e) =>
            cdist(e, e, 2, compute_mode.donot_use_mm_for_euclid_dist);

        /// <summary>
        /// The loss (scalar) and, when <paramref name="withGrad"/>, its gradient w.r.t. <paramref name="student"/>;
        /// <paramref name="teacherDistances"/> is the teacher's <see cref="Distances"/>. Runs without autograd.
        /// </summary>
        public static (Tensor Loss, Tensor? Grad) Evaluate(Tensor student, Tensor teacherDistances, long chunk, bool withGrad)
        {
            long n = student.shape[0];
            var rs = Distances(student);
            var aS = rs * rs;
            var aT = teacherDistances * teacherDistances;
            var rhoS = HalfInverse(rs);
            var rhoT = HalfInverse(teacherDistances);
            var kappa = withGrad ? where(rs.ge(NormEps), rhoS * rhoS * 2.0, zeros_like(rs)) : null;
            var loss = zeros([], student.dtype, student.device);
            var gd = withGrad ? zeros_like(rs) : null;
            for (long i0 = 0; i0 < n; i0 += chunk)
            {
                using var scope = NewDisposeScope();
                long c = Math.Min(chunk, n - i0);
                var pS = Outer(rhoS.narrow(0, i0, c));
                var psiS = Numerator(aS, i0, c).mul_(pS);
                var psiT = Numerator(aT, i0, c).mul_(Outer(rhoT.narrow(0, i0, c)));
                loss.add_(smooth_l1_loss(psiS, psiT, nn.Reduction.Sum, 1.0));
                if (gd is null) continue;
                var w = psiS.sub(psiT).clamp_(-1.0, 1.0);
                var v = pS.mul_(w);
                var rows = v.sum(2).mul_(2.0).sub_(kappa!.narrow(0, i0, c).mul(w.mul_(psiS).sum(2)));
                gd.narrow(0, i0, c).add_(rows);
                gd.sub_(v.sum([0L]));
            }
            double scale = 1.0 / ((double)n * n * n);
            loss.mul_(scale);
            if (gd is null) return (loss, null);
            var s = (gd + gd.t()).mul_(2.0 * scale);
            var grad = student * s.sum(1, true) - s.mm(student);
            return (loss, grad);
        }

        /// <summary>ρ/√2 = 1/(√2·max(r, eps)) with the diagonal (j = i) set to 0, so ρ'ᵢⱼρ'ᵢₖ = ρᵢⱼρᵢₖ/2.</summary>
        private static Tensor HalfInverse(Tensor r)
        {
            var eye = torch.eye(r.shape[0], dtype: ScalarType.Bool, device: r.device);
            return r.clamp_min(NormEps).reciprocal().mul_(Math.Sqrt(0.5)).masked_fill_(eye, 0.0);
        }

        /// <summary>ρ'ᵢⱼ·ρ'ᵢₖ for a block of anchors: c×N×N.</summary>
        private static Tensor Outer(Tensor rho) => rho.unsqueeze(2) * rho.unsqueeze(1);

        /// <summary>aᵢⱼ + aᵢₖ − aⱼₖ for a block of anchors: c×N×N.</summary>
        private static Tensor Numerator(Tensor a, long i0, long c)
        {
            var block = a.narrow(0, i0, c);
            return (block.unsqueeze(2) + block.unsqueeze(1)).sub_(a.unsqueeze(0));
        }
    }
}
