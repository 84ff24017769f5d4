using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// The fused CPU pass of SEED over the queue scores, with no N×(K+1) temporary and no autograd over them.
    /// The scores come transposed, K rows of 2P (P = N padded to <see cref="Lanes{T}"/>): column i &lt; P holds ŝᵢ·qⱼ
    /// down the queue, column P + i holds t̂ᵢ·qⱼ. That layout is the faster product here (Q·Xᵀ with a 4096-row left
    /// operand) and lets SIMD lanes run across batch rows, so every per-row reduction stays in registers. The rows
    /// sit <see cref="Stride{T}"/> elements apart, one cache line more than 2P: with a power-of-two stride a strip's
    /// K lines fall into a few cache sets and evict each other between passes.
    /// A strip of lanes is one 64-byte line per side and row j; per strip and in cache:
    /// the teacher's max-subtracted softmax p over [t̂ᵢ·t̂ᵢ, t̂ᵢ·q₁…] / τ_t, the student's log-sum-exp over
    /// [ŝᵢ·t̂ᵢ, ŝᵢ·q₁…] / τ_s, the row loss log Σⱼ e^dᵢⱼ − Σⱼ pᵢⱼ·dᵢⱼ with dᵢⱼ = zsᵢⱼ − maxⱼ zsᵢⱼ (= −Σⱼ p·log_softmax(zs),
    /// since Σ p = 1; both terms ≥ 0, so nothing cancels near the minimum) and,
    /// when asked, (softmax(zs) − p)ᵢⱼ·gradScale written over the student's columns.
    /// </summary>
    internal static class SeedKernel
    {
        /// <summary>Lanes per strip: two vectors, one 64-byte cache line with 256-bit vectors.</summary>
        public static int Lanes<T>() where T : unmanaged => 2 * Vector<T>.Count;

        /// <summary>N rounded up to a whole number of strips.</summary>
        public static int Padded<T>(int n) where T : unmanaged => (n + Lanes<T>() - 1) / Lanes<T>() * Lanes<T>();

        /// <summary>Elements between the starts of two score rows for <paramref name="p"/> padded rows.</summary>
        public static int Stride<T>(int p) where T : unmanaged => 2 * p + Lanes<T>();

        /// <summary>
        /// Whether the kernel takes N unit rows <paramref name="s"/> against the K×D <paramref name="queue"/>:
        /// float32/float64 on the CPU, with the K×2P scores small enough for one span.
        /// </summary>
        public static bool Applies(Tensor s, Tensor queue)
        {
            if (s.device_type != DeviceType.CPU || s.size(0) > int.MaxValue / 4) return false;
            int p = s.dtype switch
            {
                ScalarType.Float32 => Padded<float>((int)s.size(0)),
                ScalarType.Float64 => Padded<double>((int)s.size(0)),
                _ => 0,
            };
            return p > 0 && (2L * p + 16) * queue.size(0) * s.element_size() <= int.MaxValue;
        }

        /// <summary>
        /// Returns Σᵢ lossᵢ over the first <paramref name="n"/> lanes. <paramref name="scores"/> is the contiguous
        /// K×<see cref="Stride{T}"/> buffer of the class summary (columns past 2P unused); <paramref name="posS"/>/<paramref name="posT"/> (length P) the positive
        /// column ŝᵢ·t̂ᵢ and t̂ᵢ·t̂ᵢ. With <paramref name="gradPos"/> (length P) the scores are overwritten:
        /// student columns with (softmax(zs) − p)ᵢⱼ·<paramref name="gradScale"/> for the queue, gradPos with the
        /// same for the positive column; the teacher columns are only read. Without it the scores are left as they were.
        /// </summary>
        public static double Run<T>(Tensor scores, int n, T[] posS, T[] posT, T invTs, T invTt, T[]? gradPos, T gradScale, int workers)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int k = (int)scores.size(0), p = posS.Length, strips = p / Lanes<T>();
            if (scores.size(1) != Stride<T>(p) || p % Lanes<T>() != 0 || posT.Length != p || (gradPos is not null && gradPos.Length != p))
                throw new ArgumentException($"SEED kernel: scores [{string.Join(", ", scores.shape)}] do not match {p} padded rows.", nameof(scores));
            HostArrays.Require<T>(scores);
            if (!scores.is_contiguous() || MemoryMarshal.Cast<byte, T>(scores.bytes).Length != (long)Stride<T>(p) * k)
                throw new ArgumentException("SEED kernel: the scores must be one contiguous CPU buffer.", nameof(scores));
            workers = Math.Clamp(workers, 1, Math.Max(strips, 1));
            var losses = new double[workers];
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                var all = MemoryMarshal.Cast<byte, T>(scores.bytes);
                double loss = 0;
                for (int strip = w; strip < strips; strip += workers)
                    loss += Strip(all, k, p, strip * Lanes<T>(), n, posS, posT, invTs, invTt, gradPos, gradScale);
                losses[w] = loss;
            });
            double total = 0;
            foreach (var l in losses) total += l;
            return total;
        }

        /// <summary>One strip of lanes [<paramref name="col"/>, col + Lanes): returns the sum of its real rows' losses.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static double Strip<T>(Span<T> all, int k, int p, int col, int n, T[] posS, T[] posT, T invTs, T invTt, T[]? gradPos, T gradScale)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count, stride = Stride<T>(p);
            ref T at = ref MemoryMarshal.GetReference(all);
            nuint s0 = (nuint)col, s1 = (nuint)(col + width), t0 = (nuint)(p + col), t1 = (nuint)(p + col + width);
            bool grad = gradPos is not null;

            // Pass 1: column maxima, starting from the positive column. τ⁻¹ > 0 keeps the order, so
            // max(x)·τ⁻¹ = max(x·τ⁻¹) exactly.
            var pS0 = new Vector<T>(posS, col);
            var pS1 = new Vector<T>(posS, col + width);
            var pT0 = new Vector<T>(posT, col);
            var pT1 = new Vector<T>(posT, col + width);
            Vector<T> mS0 = pS0, mS1 = pS1, mT0 = pT0, mT1 = pT1;
            nuint row = 0;
            for (int j = 0; j < k; j++, row += (nuint)stride)
            {
                mS0 = Vector.Max(mS0, Vector.LoadUnsafe(ref at, row + s0));
                mS1 = Vector.Max(mS1, Vector.LoadUnsafe(ref at, row + s1));
                mT0 = Vector.Max(mT0, Vector.LoadUnsafe(ref at, row + t0));
                mT1 = Vector.Max(mT1, Vector.LoadUnsafe(ref at, row + t1));
            }
            var invS = new Vector<T>(invTs);
            var invT = new Vector<T>(invTt);
            mS0 *= invS; mS1 *= invS; mT0 *= invT; mT1 *= invT;

            // Pass 2: both exponential sums and Σ exp(zt − max)·zs; with a gradient, the student's exponentials stay
            // in place. exp(x) rounds to exactly 0 below half the smallest subnormal, so a vector of teacher
            // arguments all below it skips the exp: with τ_t = 1e-4 nearly all of them do (LOSSES.md §8). That
            // makes recomputing the teacher's exponentials in pass 3 cheaper than writing them back here.
            var under = new Vector<T>(T.CreateChecked(typeof(T) == typeof(float) ? -104.0 : -746.0));
            var dsP0 = pS0 * invS - mS0;
            var dsP1 = pS1 * invS - mS1;
            var esP0 = Exp(dsP0);
            var esP1 = Exp(dsP1);
            var etP0 = Exp(pT0 * invT - mT0);
            var etP1 = Exp(pT1 * invT - mT1);
            Vector<T> sumS0 = esP0, sumS1 = esP1, sumT0 = etP0, sumT1 = etP1, dot0 = etP0 * dsP0, dot1 = etP1 * dsP1;
            row = 0;
            for (int j = 0; j < k; j++, row += (nuint)stride)
            {
                var ds0 = Vector.LoadUnsafe(ref at, row + s0) * invS - mS0;
                var ds1 = Vector.LoadUnsafe(ref at, row + s1) * invS - mS1;
                var es0 = Exp(ds0);
                var es1 = Exp(ds1);
                var et0 = TeacherExp(Vector.LoadUnsafe(ref at, row + t0), invT, mT0, under);
                var et1 = TeacherExp(Vector.LoadUnsafe(ref at, row + t1), invT, mT1, under);
                sumS0 += es0; sumS1 += es1; sumT0 += et0; sumT1 += et1;
                dot0 += et0 * ds0; dot1 += et1 * ds1;
                if (grad)
                {
                    es0.StoreUnsafe(ref at, row + s0);
                    es1.StoreUnsafe(ref at, row + s1);
                }
            }

            // A row's loss is −Σ p·log q = log Σ e^d − Σ p·d with d = zs − max ≤ 0: two terms ≥ 0, so nothing cancels
            // where the loss is near its minimum (the entropy of p). Written as max + log Σ − Σ p·zs, two numbers of the
            // size of zs (hundreds at τ = 0.002) cancel and float32 loses digits.
            double loss = 0;
            for (int l = 0; l < width; l++)
            {
                if (col + l < n) loss += double.CreateChecked(T.Log(sumS0[l]) - dot0[l] / sumT0[l]);
                if (col + width + l < n) loss += double.CreateChecked(T.Log(sumS1[l]) - dot1[l] / sumT1[l]);
            }
            if (!grad) return loss;

            // Pass 3: (softmax(zs) − p)·gradScale down the student's columns.
            var scale = new Vector<T>(gradScale);
            Vector<T> qS0 = scale / sumS0, qS1 = scale / sumS1, qT0 = scale / sumT0, qT1 = scale / sumT1;
            row = 0;
            for (int j = 0; j < k; j++, row += (nuint)stride)
            {
                var et0 = TeacherExp(Vector.LoadUnsafe(ref at, row + t0), invT, mT0, under);
                var et1 = TeacherExp(Vector.LoadUnsafe(ref at, row + t1), invT, mT1, under);
                (Vector.LoadUnsafe(ref at, row + s0) * qS0 - et0 * qT0).StoreUnsafe(ref at, row + s0);
                (Vector.LoadUnsafe(ref at, row + s1) * qS1 - et1 * qT1).StoreUnsafe(ref at, row + s1);
            }
            (esP0 * qS0 - etP0 * qT0).CopyTo(gradPos!, col);
            (esP1 * qS1 - etP1 * qT1).CopyTo(gradPos!, col + width);
            return loss;
        }

        /// <summary>exp(score·τ⁻¹ − max), or exactly 0 without an exp when every lane's argument is below <paramref name="under"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<T> TeacherExp<T>(Vector<T> score, Vector<T> inv, Vector<T> max, Vector<T> under)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var arg = score * inv - max;
            return Vector.LessThanAll(arg, under) ? Vector<T>.Zero : Exp(arg);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<T> Exp<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Rows.Exp(x);
    }
}
