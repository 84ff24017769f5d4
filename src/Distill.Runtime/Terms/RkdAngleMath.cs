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

        public static long ChunkFor(long n, long chunk) =>
            chunk > 0 ? Math.Min(chunk, n) : Math.Clamp(AutoBlockElements / (n * n), 1, n);

        /// <summary>Exact pairwise distances ‖eᵢ − eⱼ‖ (no expansion, so duplicates give exactly 0).</summary>
        public static Tensor Distances(Tensor e)
        {
            if (e.device_type != DeviceType.CPU || e.size(0) > int.MaxValue / e.size(0) || e.numel() > int.MaxValue)
                return cdist(e, e, 2, compute_mode.donot_use_mm_for_euclid_dist);
            int n = (int)e.size(0), d = (int)e.size(1);
            return e.dtype switch
            {
                ScalarType.Float32 => tensor(RkdAngleKernel.SquaredDistances(HostArrays.Copy<float>(e), n, d, get_num_threads()), [n, n]).sqrt_(),
                ScalarType.Float64 => tensor(RkdAngleKernel.SquaredDistances(HostArrays.Copy<double>(e), n, d, get_num_threads()), [n, n]).sqrt_(),
                _ => cdist(e, e, 2, compute_mode.donot_use_mm_for_euclid_dist),
            };
        }

        /// <summary>
        /// The loss (scalar) and, when <paramref name="withGrad"/>, its gradient w.r.t. <paramref name="student"/>;
        /// <paramref name="teacherDistances"/> is the teacher's <see cref="Distances"/>. Runs without autograd.
        /// <paramref name="chunk"/> 0 takes the fused CPU loop where it applies (float32/64 on the CPU), else blocks
        /// of <see cref="ChunkFor"/> anchors; a positive <paramref name="chunk"/> forces blocks of that many anchors.
        /// </summary>
        public static (Tensor Loss, Tensor? Grad) Evaluate(Tensor student, Tensor teacherDistances, long chunk, bool withGrad)
        {
            long n = student.size(0);
            var rs = Distances(student);
            var aS = rs * rs;
            var aT = teacherDistances * teacherDistances;
            var rhoS = HalfInverse(rs);
            var rhoT = HalfInverse(teacherDistances);
            var kappa = where(rs.AtLeastMask(NormEps), (rhoS * rhoS).TimesInPlace(2.0), zeros_like(rs));
            if (chunk == 0 && student.device_type == DeviceType.CPU && n <= int.MaxValue / n)
            {
                if (student.dtype == ScalarType.Float32)
                    return Finish(student, Fused<float>(n, aS, rhoS, aT, rhoT, kappa, withGrad));
                if (student.dtype == ScalarType.Float64)
                    return Finish(student, Fused<double>(n, aS, rhoS, aT, rhoT, kappa, withGrad));
            }
            chunk = ChunkFor(n, chunk);
            var loss = zeros([], student.dtype, student.device);
            var gd = withGrad ? zeros_like(rs) : null;
            for (long i0 = 0; i0 < n; i0 += chunk)
            {
                using var scope = NewDisposeScope();
                long c = Math.Min(chunk, n - i0);
                var pS = Outer(rhoS.narrow(0, i0, c));
                var psiS = Numerator(aS, i0, c).mul_(pS);
                var psiT = Numerator(aT, i0, c).mul_(Outer(rhoT.narrow(0, i0, c)));
                loss.PlusInPlace(smooth_l1_loss(psiS, psiT, nn.Reduction.Sum, 1.0));
                if (gd is null) continue;
                var w = psiS.sub(psiT).ClampInPlace(-1.0, 1.0);
                var v = pS.mul_(w);
                var rows = v.sum(2).TimesInPlace(2.0).sub_(kappa.narrow(0, i0, c).mul(w.mul_(psiS).sum(2)));
                gd.narrow(0, i0, c).PlusInPlace(rows);
                gd.sub_(v.sum([0L]));
            }
            return Finish(student, (loss, gd));
        }

        /// <summary>Scales by 1/N³ and maps dL/da to dL/de = 2·(rowsum(S)·e − S·e), S = dL/da + (dL/da)ᵀ.</summary>
        private static (Tensor Loss, Tensor? Grad) Finish(Tensor student, (Tensor Sum, Tensor? GradA) raw)
        {
            long n = student.size(0);
            double scale = 1.0 / ((double)n * n * n);
            var loss = raw.Sum.TimesInPlace(scale);
            if (raw.GradA is null) return (loss, null);
            var s = raw.GradA.Plus(raw.GradA.t()).TimesInPlace(2.0 * scale);
            return (loss, student * s.sum(1, true) - SerialScope.Product(s, student));
        }

        /// <summary>The fused CPU loop over padded copies of the N×N inputs (<see cref="RkdAngleKernel"/>).</summary>
        private static (Tensor Sum, Tensor? GradA) Fused<T>(long n, Tensor aS, Tensor rhoS, Tensor aT, Tensor rhoT, Tensor kappa, bool withGrad)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            int rows = (int)n, p = RkdAngleKernel.Padded(rows);
            T[] Padded(Tensor x) => HostArrays.Copy<T>(pad(x, [0, p - rows]));
            var grad = withGrad ? new T[rows * p] : null;
            double sum = RkdAngleKernel.Run(rows, p, Padded(aS), Padded(rhoS), Padded(aT), Padded(rhoT), Padded(kappa), grad, get_num_threads());
            var loss = HostArrays.Scalar(sum, aS);
            if (grad is null) return (loss, null);
            var host = HostArrays.ToTensor(grad, [n, p]);
            return (loss, host.narrow(1, 0, n));
        }

        /// <summary>ρ/√2 = 1/(√2·max(r, eps)) with the diagonal (j = i) set to 0, so ρ'ᵢⱼρ'ᵢₖ = ρᵢⱼρᵢₖ/2.</summary>
        private static Tensor HalfInverse(Tensor r)
        {
            var eye = torch.eye(r.size(0), dtype: ScalarType.Bool, device: r.device);
            return r.AtLeast(NormEps).reciprocal().TimesInPlace(Math.Sqrt(0.5)).FillWhere(eye, 0.0);
        }

        /// <summary>ρ'ᵢⱼ·ρ'ᵢₖ for a block of anchors: c×N×N.</summary>
        private static Tensor Outer(Tensor rho) => rho.unsqueeze(2) * rho.unsqueeze(1);

        /// <summary>aᵢⱼ + aᵢₖ − aⱼₖ for a block of anchors: c×N×N.</summary>
        private static Tensor Numerator(Tensor a, long i0, long c)
        {
            var block = a.narrow(0, i0, c);
            return block.unsqueeze(2).Plus(block.unsqueeze(1)).sub_(a.unsqueeze(0));
        }
    }
}
