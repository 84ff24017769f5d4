using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// SIMD row operations of the fused CPU kernels: log-softmax, the per-element KL and its gradient, lane-wise exp.
    /// The kernels' loops (here and in the other host passes) are marked AggressiveOptimization: compiled optimised at their
    /// first call, not first as tier-0 and then instrumented code that the tiered compiler replaces later, on its
    /// background thread (docs/performance.md: what that thread costs the first steps on two cores).
    /// </summary>
    internal static class Rows
    {
        /// <summary>log_softmax(x·invT) of one row into <paramref name="output"/> (same length).</summary>
        public static void LogSoftmax<T>(ReadOnlySpan<T> x, T invT, Span<T> output) where T : unmanaged, IFloatingPointIeee754<T> =>
            LogSoftmax(x, invT, output, default);

        /// <summary>
        /// log_softmax(x·invT) of one row into <paramref name="output"/> and, when <paramref name="probabilities"/> is not
        /// empty, softmax(x·invT) into it, from one exponential per element.
        /// </summary>
        public static void LogSoftmax<T>(ReadOnlySpan<T> x, T invT, Span<T> output, Span<T> probabilities) where T : unmanaged, IFloatingPointIeee754<T> =>
            LogSoftmax(x, invT, output, probabilities, T.One);

        /// <summary>As <see cref="LogSoftmax{T}(ReadOnlySpan{T}, T, Span{T}, Span{T})"/>, with the probabilities multiplied by <paramref name="probabilityScale"/>.</summary>
        /// <remarks>
        /// A row whose length is not a multiple of the vector width ends with one vector that overlaps the previous one
        /// (its first lanes recomputed, the same values, and left out of the sum by a mask) instead of a scalar tail:
        /// a scalar exp is a libm call. The maximum uses the native max instruction (no IEEE NaN ordering): a NaN
        /// still reaches the sum through its exponential, so a NaN row gives NaN as before.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void LogSoftmax<T>(ReadOnlySpan<T> x, T invT, Span<T> output, Span<T> probabilities, T probabilityScale) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count, n = x.Length;
            if (n < width)
            {
                ScalarLogSoftmax(x, invT, output, probabilities, probabilityScale);
                return;
            }
            bool keep = !probabilities.IsEmpty;
            int last = n - width, c;
            var scale = new Vector<T>(invT);
            var vmax = new Vector<T>(T.NegativeInfinity);
            ref T xs = ref MemoryMarshal.GetReference(x);
            ref T os = ref MemoryMarshal.GetReference(output);
            ref T ps = ref MemoryMarshal.GetReference(probabilities);
            for (c = 0; c < last; c += width)
            {
                var v = Vector.LoadUnsafe(ref xs, (nuint)c) * scale;
                v.StoreUnsafe(ref os, (nuint)c);
                vmax = Vector.MaxNative(vmax, v);
            }
            var lastScaled = Vector.LoadUnsafe(ref xs, (nuint)last) * scale;
            lastScaled.StoreUnsafe(ref os, (nuint)last);
            vmax = Vector.MaxNative(vmax, lastScaled);
            T max = Max(vmax);
            var vm = new Vector<T>(max);
            T sum = ExpSum(ref os, n, vm, ref ps, keep);
            // (x − max) − log Σ, as libtorch: max + log Σ would round at the size of max (a row shifted by 1000 loses
            // 1e-5 in float32), where x − max is exact and log Σ ≤ log C is small.
            T logSum = T.Log(sum), inv = probabilityScale / sum;
            var vl = new Vector<T>(logSum);
            var vi = new Vector<T>(inv);
            for (c = 0; c + width <= n; c += width)
            {
                (Vector.LoadUnsafe(ref os, (nuint)c) - vm - vl).StoreUnsafe(ref os, (nuint)c);
                if (keep) (Vector.LoadUnsafe(ref ps, (nuint)c) * vi).StoreUnsafe(ref ps, (nuint)c);
            }
            for (; c < n; c++)
            {
                output[c] = output[c] - max - logSum;
                if (keep) probabilities[c] *= inv;
            }
        }

        /// <summary>
        /// softmax(x)·<paramref name="probabilityScale"/> of one row into <paramref name="probabilities"/> (or, when it is
        /// empty, only the sums), returning the row's max and log Σ exp(x − max): what cross-entropy needs without the
        /// log-probabilities, whose element c is (x_c − max) − logSum exactly as <see cref="LogSoftmax{T}(ReadOnlySpan{T}, T, Span{T}, Span{T}, T)"/>
        /// computes it. One pass fewer over the row and no output to store.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static (T Max, T LogSum) Softmax<T>(ReadOnlySpan<T> x, Span<T> probabilities, T probabilityScale) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count, n = x.Length;
            bool keep = !probabilities.IsEmpty;
            T max, sum;
            if (n < width)
            {
                max = T.NegativeInfinity;
                foreach (var v in x) max = T.Max(max, v);
                sum = T.Zero;
                for (int c = 0; c < n; c++)
                {
                    T e = T.Exp(x[c] - max);
                    sum += e;
                    if (keep) probabilities[c] = e;
                }
            }
            else
            {
                int last = n - width;
                ref T xs = ref MemoryMarshal.GetReference(x);
                ref T ps = ref MemoryMarshal.GetReference(probabilities);
                var vmax = Vector.LoadUnsafe(ref xs, (nuint)last);
                for (int c = 0; c < last; c += width) vmax = Vector.MaxNative(vmax, Vector.LoadUnsafe(ref xs, (nuint)c));
                max = Max(vmax);
                sum = ExpSum(ref xs, n, new Vector<T>(max), ref ps, keep);
            }
            if (keep) Scale(probabilities, probabilityScale / sum);
            return (max, T.Log(sum));
        }

        /// <summary>The largest lane.</summary>
        private static T Max<T>(Vector<T> v) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T max = v[0];
            for (int l = 1; l < Vector<T>.Count; l++) max = T.Max(max, v[l]);
            return max;
        }

        /// <summary>
        /// Σ exp(v − max) over a row of n ≥ width values, each exponential stored into <paramref name="p"/> when
        /// <paramref name="keep"/>. The last vector starts at n − width and overlaps the one before (the same values again):
        /// its lanes already summed are masked out, so no element is a scalar libm call.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static T ExpSum<T>(ref T v, int n, Vector<T> max, ref T p, bool keep) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count, last = n - width, c;
            var acc = Vector<T>.Zero;
            for (c = 0; c < last; c += width)
            {
                var e = Exp(Vector.LoadUnsafe(ref v, (nuint)c) - max);
                acc += e;
                if (keep) e.StoreUnsafe(ref p, (nuint)c);
            }
            var lastExp = Exp(Vector.LoadUnsafe(ref v, (nuint)last) - max);
            if (keep) lastExp.StoreUnsafe(ref p, (nuint)last);
            acc += Vector.ConditionalSelect(Vector.GreaterThanOrEqual(Vector<T>.Indices, new Vector<T>(T.CreateTruncating(c - last))), lastExp, Vector<T>.Zero);
            return Vector.Sum(acc);
        }

        /// <summary>y ·= f.</summary>
        public static void Scale<T>(Span<T> y, T f) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count, i = 0;
            var vf = new Vector<T>(f);
            ref T ys = ref MemoryMarshal.GetReference(y);
            for (; i + width <= y.Length; i += width)
                (Vector.LoadUnsafe(ref ys, (nuint)i) * vf).StoreUnsafe(ref ys, (nuint)i);
            for (; i < y.Length; i++) y[i] *= f;
        }

        private static void ScalarLogSoftmax<T>(ReadOnlySpan<T> x, T invT, Span<T> output, Span<T> probabilities, T probabilityScale)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            bool keep = !probabilities.IsEmpty;
            T max = T.NegativeInfinity, sum = T.Zero;
            for (int c = 0; c < x.Length; c++) max = T.Max(max, output[c] = x[c] * invT);
            for (int c = 0; c < x.Length; c++)
            {
                T e = T.Exp(output[c] - max);
                sum += e;
                if (keep) probabilities[c] = e;
            }
            T logSum = T.Log(sum), inv = probabilityScale / sum;
            for (int c = 0; c < x.Length; c++)
            {
                output[c] = output[c] - max - logSum;
                if (keep) probabilities[c] *= inv;
            }
        }

        /// <summary>
        /// Σ_c p_c·(lp_c − lq_c), the per-element KL (exactly 0 where lp = lq), for log-probabilities lp, lq and the
        /// probabilities p, q of the same rows; with a non-empty <paramref name="grad"/>, grad_c = scale·(q_c − p_c).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double Kl<T>(ReadOnlySpan<T> lp, ReadOnlySpan<T> p, ReadOnlySpan<T> lq, ReadOnlySpan<T> q, Span<T> grad, T scale)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count, n = lp.Length, c = 0;
            bool withGrad = !grad.IsEmpty;
            var vs = new Vector<T>(scale);
            var acc = Vector<T>.Zero;
            ref T lps = ref MemoryMarshal.GetReference(lp);
            ref T pp = ref MemoryMarshal.GetReference(p);
            ref T lqs = ref MemoryMarshal.GetReference(lq);
            ref T qq = ref MemoryMarshal.GetReference(q);
            ref T gs = ref MemoryMarshal.GetReference(grad);
            for (; c + width <= n; c += width)
            {
                var pv = Vector.LoadUnsafe(ref pp, (nuint)c);
                acc += pv * (Vector.LoadUnsafe(ref lps, (nuint)c) - Vector.LoadUnsafe(ref lqs, (nuint)c));
                if (withGrad) (vs * (Vector.LoadUnsafe(ref qq, (nuint)c) - pv)).StoreUnsafe(ref gs, (nuint)c);
            }
            double sum = 0;
            for (int l = 0; l < width; l++) sum += double.CreateChecked(acc[l]);
            for (; c < n; c++)
            {
                sum += double.CreateChecked(p[c] * (lp[c] - lq[c]));
                if (withGrad) grad[c] = scale * (q[c] - p[c]);
            }
            return sum;
        }

        /// <summary>
        /// Σ xlogy(q, q) − q·lq over one row (torch's per-element KL against log probabilities lq: 0 where q = 0, NaN
        /// for a negative q, as there) and the row's mass Σ q. Lanes sum in T, the row's total is returned in double.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double KlToLogProbabilities<T>(ReadOnlySpan<T> q, ReadOnlySpan<T> lq, out T mass) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int n = q.Length, width = Vector<T>.Count, c = 0;
            ref T qs = ref MemoryMarshal.GetReference(q);
            ref T ls = ref MemoryMarshal.GetReference(lq);
            Vector<T> acc = Vector<T>.Zero, total = Vector<T>.Zero;
            for (; c + width <= n; c += width)
            {
                var x = Vector.LoadUnsafe(ref qs, (nuint)c);
                var xlogx = Vector.ConditionalSelect(Vector.Equals(x, Vector<T>.Zero), Vector<T>.Zero, x * Log(x));
                acc += xlogx - x * Vector.LoadUnsafe(ref ls, (nuint)c);
                total += x;
            }
            double sum = 0;
            mass = T.Zero;
            for (int l = 0; l < width; l++)
            {
                sum += double.CreateChecked(acc[l]);
                mass += total[l];
            }
            for (; c < n; c++)
            {
                T x = q[c];
                sum += double.CreateChecked((x == T.Zero ? T.Zero : x * T.Log(x)) - x * lq[c]);
                mass += x;
            }
            return sum;
        }

        /// <summary>Lane-wise natural log, as <see cref="Exp{T}"/> chooses its width.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<T> Log<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (Vector<T>.Count * Unsafe.SizeOf<T>() == 32)
            {
                if (typeof(T) == typeof(float)) return Vector256.Log(x.AsVector256().AsSingle()).As<float, T>().AsVector();
                if (typeof(T) == typeof(double)) return Vector256.Log(x.AsVector256().AsDouble()).As<double, T>().AsVector();
            }
            if (typeof(T) == typeof(float)) return Vector.As<float, T>(Vector.Log(Vector.As<T, float>(x)));
            if (typeof(T) == typeof(double)) return Vector.As<double, T>(Vector.Log(Vector.As<T, double>(x)));
            throw new NotSupportedException(typeof(T).Name);
        }

        /// <summary>
        /// Lane-wise exp: float32 lanes by <see cref="SingleExp"/> (in float32, within 1 ulp); float64 lanes, where
        /// <see cref="Vector{T}"/> is 256 bits wide (AVX2), through <see cref="Vector256"/>'s exp, which measured 1.7×
        /// faster than <see cref="Vector.Exp(Vector{double})"/> on the same lanes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<T> Exp<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(float)) return Vector.As<float, T>(SingleExp.Exp(Vector.As<T, float>(x)));
            if (Vector<T>.Count * Unsafe.SizeOf<T>() == 32)
            {
                if (typeof(T) == typeof(float)) return Vector256.Exp(x.AsVector256().AsSingle()).As<float, T>().AsVector();
                if (typeof(T) == typeof(double)) return Vector256.Exp(x.AsVector256().AsDouble()).As<double, T>().AsVector();
            }
            if (typeof(T) == typeof(float)) return Vector.As<float, T>(Vector.Exp(Vector.As<T, float>(x)));
            if (typeof(T) == typeof(double)) return Vector.As<double, T>(Vector.Exp(Vector.As<T, double>(x)));
            throw new NotSupportedException(typeof(T).Name);
        }
    }
}
