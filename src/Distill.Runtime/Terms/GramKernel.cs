using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// The fused CPU passes of the batch-relational terms built on an N×N matrix of the student's rows (sp, cc,
    /// rkd.distance). libtorch computes the matrix product M = X·Xᵀ (one call); everything the term does to the N²
    /// entries — normalisation, the potential, the loss — and its gradient dL/dM is one or two passes here, with
    /// no N×N temporary handed to autograd; the gradient reaches X as dL/dX = (dL/dM + dL/dMᵀ)·X (one more product)
    /// through <see cref="TermMath.WithGradient"/>. The graph form of each term takes the same derivatives
    /// through a dozen elementwise kernels and their backward nodes, each over N² entries; at N = 256 every one of
    /// them is a parallel region and a fresh N×N buffer (docs/performance.md).
    /// Every pass reads and writes contiguous float32/float64 CPU buffers in place (<see cref="HostArrays.Require{T}"/>);
    /// sums are accumulated in double.
    /// </summary>
    internal static class GramKernel
    {
        /// <summary>Whether the fused passes take <paramref name="x"/>: a float32/float64 CPU tensor with fewer than 2³¹ entries in its N×N matrix.</summary>
        public static bool Applies(Tensor x) =>
            HostArrays.IsHostFloat(x) && x.size(0) * x.size(0) < int.MaxValue;

        /// <summary>
        /// L and dL/dX for L = f(M), M = X·Xᵀ (<paramref name="product"/>, a constant), from a pass <paramref name="pass"/> that
        /// returns L and overwrites (a copy of) M with dL/dM.
        /// Without a gradient (X constant, or no_grad) the pass is asked for the value only.
        /// </summary>
        public static Tensor Evaluate(Tensor x, Tensor product, Func<Tensor, bool, double> pass)
        {
            bool withGrad = x.requires_grad && is_grad_enabled();
            Tensor value, gradient;
            using (no_grad())
            {
                var detached = x.detach();
                // The product may be shared with other terms (SharedWork.Gram): the pass overwrites its own copy.
                var m = withGrad ? product.clone() : product.contiguous();
                double loss = pass(m, withGrad);
                value = HostArrays.Scalar(loss, x);
                if (!withGrad) return value;
                if (m.dtype == ScalarType.Float32) Symmetrize(HostArrays.Span<float>(m), (int)m.size(0));
                else Symmetrize(HostArrays.Span<double>(m), (int)m.size(0));
                gradient = SerialScope.Product(m, detached);
            }
            return TermMath.WithGradient(value, x, gradient);
        }

        /// <summary>M ← M + Mᵀ in place (row-major n×n): the product's gradient reaches X through both factors.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Symmetrize<T>(Span<T> m, int n) where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int i = 0; i < n; i++)
            {
                m[i * n + i] += m[i * n + i];
                for (int j = i + 1; j < n; j++)
                {
                    T sum = m[i * n + j] + m[j * n + i];
                    m[i * n + j] = sum;
                    m[j * n + i] = sum;
                }
            }
        }

        /// <summary>
        /// SP: Σᵢⱼ (Ĝᵢⱼ − T̂ᵢⱼ)² / N² with Ĝᵢ = Gᵢ / max(‖Gᵢ‖, 1e-12) (F.normalize), T̂ the same of the teacher's Gram
        /// <paramref name="teacher"/>. The gradient of a row normalisation is (g − Ĝᵢ(Ĝᵢ·g)) / ‖Gᵢ‖, or g / 1e-12 where the norm is clamped.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double Sp<T>(Tensor gram, Tensor teacher, bool withGrad) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var g = HostArrays.Span<T>(gram);
            var t = HostArrays.Span<T>(teacher);
            int n = (int)gram.size(0);
            T eps = T.CreateChecked(TermMath.NormEps), scale = T.CreateChecked(2.0 / ((double)n * n));
            var units = new T[n];
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                var row = g.Slice(i * n, n);
                var teacherRow = t.Slice(i * n, n);
                T teacherNorm = T.Sqrt(Dot<T>(teacherRow, teacherRow));
                T teacherInv = T.One / (teacherNorm >= eps ? teacherNorm : eps);
                T norm = T.Sqrt(Dot<T>(row, row));
                bool clamped = !(norm >= eps); // clamp_min passes the gradient at equality
                T inv = T.One / (clamped ? eps : norm);
                double rowLoss = 0;
                T dot = T.Zero;
                for (int j = 0; j < n; j++)
                {
                    T unit = row[j] * inv;
                    T diff = unit - teacherRow[j] * teacherInv;
                    rowLoss += double.CreateChecked(diff * diff);
                    if (!withGrad) continue;
                    T grad = scale * diff;
                    units[j] = unit;
                    dot += unit * grad;
                    row[j] = grad;
                }
                loss += rowLoss;
                if (!withGrad) continue;
                // row now holds g = dL/dĜᵢ.
                for (int j = 0; j < n; j++)
                    row[j] = (clamped ? row[j] : row[j] - units[j] * dot) * inv;
            }
            return loss / ((double)n * n);
        }

        /// <summary>
        /// RKD distance: mean over the N² entries of smooth-L1(ds − dt) with ds = d·N(N−1)/Σd, dᵢⱼ = √max(Gᵢᵢ + Gⱼⱼ − 2Gᵢⱼ, 1e-12)
        /// (or the clamped square itself when <paramref name="squared"/>), dᵢᵢ = 0, and the teacher's mean-normalised distances
        /// <paramref name="teacher"/>. Gradient: ∂L/∂dₖₗ = c·(hₖₗ − Σ h·d / Σd) with h = clamp(ds − dt, −1, 1)/N², c = N(N−1)/Σd;
        /// through the clamp only where it did not bind; aᵢⱼ = Gᵢᵢ + Gⱼⱼ − 2Gᵢⱼ sends −2 to Gᵢⱼ and the row and column sums to Gᵢᵢ.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double RkdDistance<T>(Tensor gram, Tensor teacher, bool squared, bool withGrad) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var g = HostArrays.Span<T>(gram);
            var t = HostArrays.Span<T>(teacher);
            int n = (int)gram.size(0);
            T eps = T.CreateChecked(RkdDistanceTerm.SquaredDistanceEps);
            var sq = new T[n];
            for (int i = 0; i < n; i++) sq[i] = g[i * n + i];
            var d = new T[n * n];
            var open = withGrad ? new bool[n * n] : null;
            double sum = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    if (i == j) continue;
                    T a = sq[i] + sq[j] - (g[i * n + j] + g[i * n + j]);
                    T d2 = T.Max(a, eps);
                    if (open is not null) open[i * n + j] = a >= eps;
                    T v = squared ? d2 : T.Sqrt(d2);
                    d[i * n + j] = v;
                    sum += double.CreateChecked(v);
                }
            T c = T.CreateChecked((double)n * (n - 1) / sum);
            T invCount = T.CreateChecked(1.0 / ((double)n * n));
            double loss = 0, hd = 0;
            var h = withGrad ? new T[n * n] : null;
            for (int k = 0; k < n * n; k++)
            {
                T x = c * d[k] - t[k];
                T ax = T.Abs(x);
                loss += double.CreateChecked(ax < T.One ? T.CreateChecked(0.5) * x * x : ax - T.CreateChecked(0.5));
                if (h is null) continue;
                T hk = T.Clamp(x, -T.One, T.One) * invCount;
                h[k] = hk;
                hd += double.CreateChecked(hk * d[k]);
            }
            if (h is null) return loss / ((double)n * n);
            T mean = T.CreateChecked(hd / sum), half = T.CreateChecked(0.5);
            var diagonal = new T[n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    int k = i * n + j;
                    if (i == j || !open![k]) { g[k] = T.Zero; continue; }
                    T dd = c * (h[k] - mean);
                    T da = squared ? dd : dd * half / d[k];
                    g[k] = -(da + da);
                    diagonal[i] += da;
                    diagonal[j] += da;
                }
            for (int i = 0; i < n; i++) g[i * n + i] = diagonal[i];
            return loss / ((double)n * n);
        }

        /// <summary>
        /// CC: e^{−4γ}·Σᵢⱼ (hsᵢⱼ − htᵢⱼ)² / N² with hs the Taylor series of order <paramref name="order"/> in x = 2γ·Sᵢⱼ
        /// (S = ÛÛᵀ of the normalised student rows, Horner form as <see cref="CcTerm"/>), or hs = S itself when
        /// <paramref name="bilinear"/> (no e^{−4γ}); <paramref name="teacher"/> is the teacher's ÛÛᵀ, its series taken here the same
        /// way (computing it with libtorch's in-place ops, as the graph form does, held a 256×256 buffer per call until the .NET
        /// finaliser ran: RSS grew by up to 1.5 GiB over 500 steps). The gradient goes to S.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double Cc<T>(Tensor similarity, Tensor teacher, double gamma, int order, bool bilinear, bool withGrad)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var s = HostArrays.Span<T>(similarity);
            var t = HostArrays.Span<T>(teacher);
            int n = (int)similarity.size(0);
            double factor = bilinear ? 1.0 : Math.Exp(-4.0 * gamma);
            T twoGamma = T.CreateChecked(2.0 * gamma);
            T scale = T.CreateChecked(2.0 * factor / ((double)n * n));
            // The reciprocals 1/p of the Horner steps, computed once (T.CreateChecked per element was most of the pass).
            var inverse = new T[order + 1];
            for (int p = 1; p <= order; p++) inverse[p] = T.CreateChecked(1.0 / p);
            int width = Vector<T>.Count, count = n * n, k = 0;
            var lossLanes = Vector<T>.Zero;
            var vTwoGamma = new Vector<T>(twoGamma);
            var vScale = new Vector<T>(scale);
            ref T sr = ref MemoryMarshal.GetReference(s);
            ref T tr = ref MemoryMarshal.GetReference(t);
            // Lanes: the loss of each block of lanes is summed in T, then widened per block of 64 vectors.
            double loss = 0;
            int block = 0;
            for (; k + width <= count; k += width)
            {
                var vs = Vector.LoadUnsafe(ref sr, (nuint)k);
                var vt = Vector.LoadUnsafe(ref tr, (nuint)k);
                Vector<T> hs, ht, slope;
                if (bilinear) (hs, ht, slope) = (vs, vt, Vector<T>.One);
                else
                {
                    (hs, slope) = Series(vs * vTwoGamma, order, inverse);
                    ht = Series(vt * vTwoGamma, order, inverse).Value;
                    slope *= vTwoGamma;
                }
                var diff = hs - ht;
                lossLanes += diff * diff;
                if (withGrad) (vScale * diff * slope).StoreUnsafe(ref sr, (nuint)k);
                if (++block == 64)
                {
                    for (int l = 0; l < width; l++) loss += double.CreateChecked(lossLanes[l]);
                    lossLanes = Vector<T>.Zero;
                    block = 0;
                }
            }
            for (int l = 0; l < width; l++) loss += double.CreateChecked(lossLanes[l]);
            for (; k < count; k++)
            {
                T hs, ht, slope;
                if (bilinear) (hs, ht, slope) = (s[k], t[k], T.One);
                else
                {
                    (hs, slope) = Series(s[k] * twoGamma, order);
                    ht = Series(t[k] * twoGamma, order).Value;
                    slope *= twoGamma;
                }
                T diff = hs - ht;
                loss += double.CreateChecked(diff * diff);
                if (withGrad) s[k] = scale * diff * slope;
            }
            return factor * loss / ((double)n * n);
        }

        /// <summary>The vector form of <see cref="Series{T}(T, int)"/>, with the reciprocals 1/p given.</summary>
        private static (Vector<T> Value, Vector<T> Slope) Series<T>(Vector<T> x, int order, T[] inverse) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (order == 0) return (Vector<T>.One, Vector<T>.Zero);
            var last = new Vector<T>(inverse[order]);
            var h = x * last + Vector<T>.One;
            var dh = last;
            for (int p = order - 1; p >= 1; p--)
            {
                var inv = new Vector<T>(inverse[p]);
                dh = (h + x * dh) * inv;
                h = x * h * inv + Vector<T>.One;
            }
            return (h, dh);
        }

        /// <summary>h(x) = 1 + x + x²/2! + … + xᴾ/P! in <see cref="CcTerm"/>'s Horner order, and h′(x).</summary>
        private static (T Value, T Slope) Series<T>(T x, int order) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (order == 0) return (T.One, T.Zero);
            T h = x * T.CreateChecked(1.0 / order) + T.One;
            T dh = T.CreateChecked(1.0 / order);
            for (int p = order - 1; p >= 1; p--)
            {
                T inv = T.CreateChecked(1.0 / p);
                dh = (h + x * dh) * inv;
                h = x * h * inv + T.One;
            }
            return (h, dh);
        }

        /// <summary>
        /// The backward of F.normalize(x, eps) row by row, in place: <paramref name="grad"/> holds dL/dÛ on entry and
        /// dL/dx on return, (g − Û(Û·g)) / ‖x‖ where ‖x‖ ≥ eps, g / eps where the norm was clamped.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void NormalizeBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> unit, Span<T> grad, int width, double eps)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            T e = T.CreateChecked(eps);
            for (int i = 0; i < grad.Length / width; i++)
            {
                var xi = x.Slice(i * width, width);
                var ui = unit.Slice(i * width, width);
                var gi = grad.Slice(i * width, width);
                T norm = T.Sqrt(Dot<T>(xi, xi));
                if (!(norm >= e))
                {
                    T inv = T.One / e;
                    for (int d = 0; d < width; d++) gi[d] *= inv;
                    continue;
                }
                T dot = Dot<T>(ui, gi), invNorm = T.One / norm;
                for (int d = 0; d < width; d++) gi[d] = (gi[d] - ui[d] * dot) * invNorm;
            }
        }

        private static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count, i = 0;
            var acc = Vector<T>.Zero;
            for (; i + width <= a.Length; i += width)
                acc += new Vector<T>(a.Slice(i)) * new Vector<T>(b.Slice(i));
            T sum = Vector.Sum(acc);
            for (; i < a.Length; i++) sum += a[i] * b[i];
            return sum;
        }
    }
}
