using System;
using System.Numerics;
using System.Threading.Tasks;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// The fused CPU loop of RKD angle: one pass over all (i, j, k) with SIMD over k, computing ψ(s), ψ(t), the
    /// smooth-L1 sum and, when asked, dL/da (see <see cref="RkdAngleMath"/>) without any N³ temporary.
    /// Inputs are N×P row-major arrays (P = N rounded up to the SIMD width, padding columns all zero):
    /// squared distances a and half inverse norms ρ' of student and teacher, κ = ρ² where unclamped.
    /// </summary>
    internal static class RkdAngleKernel
    {
        public static int Padded(int n) => (n + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

        /// <summary>Returns Σ huber(ψs − ψt) over all triplets and fills <paramref name="grad"/> (N×P, may be null) with dL/da·N³.</summary>
        public static double Run<T>(int n, int p, T[] aS, T[] rS, T[] aT, T[] rT, T[] kappa, T[]? grad, int workers)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            workers = Math.Clamp(workers, 1, n);
            var losses = new double[workers];
            var partials = new T[workers][];
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                var local = grad is null ? null : new T[n * p];
                double loss = 0;
                for (int i = w; i < n; i += workers)
                    loss += Anchor(i, n, p, aS, rS, aT, rT, kappa, local);
                losses[w] = loss;
                partials[w] = local!;
            });
            if (grad is not null)
                foreach (var local in partials)
                    for (int x = 0; x < local.Length; x++) grad[x] += local[x];
            double total = 0;
            foreach (var l in losses) total += l;
            return total;
        }

        /// <summary>One anchor i: its loss sum; adds its (i, j) and (j, k) gradient terms to this worker's <paramref name="local"/>.</summary>
        private static double Anchor<T>(int i, int n, int p, T[] aS, T[] rS, T[] aT, T[] rT, T[] kappa, T[]? local)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count;
            var one = Vector<T>.One;
            var half = new Vector<T>(T.CreateChecked(0.5));
            var loss = Vector<T>.Zero;
            var ai = new ReadOnlySpan<T>(aS, i * p, p);
            var ri = new ReadOnlySpan<T>(rS, i * p, p);
            var bi = new ReadOnlySpan<T>(aT, i * p, p);
            var ti = new ReadOnlySpan<T>(rT, i * p, p);
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                var aij = new Vector<T>(ai[j]);
                var rij = new Vector<T>(ri[j]);
                var bij = new Vector<T>(bi[j]);
                var tij = new Vector<T>(ti[j]);
                var aj = new ReadOnlySpan<T>(aS, j * p, p);
                var bj = new ReadOnlySpan<T>(aT, j * p, p);
                var gj = local is null ? Span<T>.Empty : new Span<T>(local, j * p, p);
                var rowA = Vector<T>.Zero;
                var rowB = Vector<T>.Zero;
                for (int k = 0; k < p; k += width)
                {
                    var pS = rij * new Vector<T>(ri.Slice(k));
                    var psiS = (aij + new Vector<T>(ai.Slice(k)) - new Vector<T>(aj.Slice(k))) * pS;
                    var psiT = (bij + new Vector<T>(bi.Slice(k)) - new Vector<T>(bj.Slice(k))) * (tij * new Vector<T>(ti.Slice(k)));
                    var d = psiS - psiT;
                    var ad = Vector.Abs(d);
                    var inside = Vector.LessThan(ad, one);
                    loss += Vector.ConditionalSelect(inside, half * d * d, ad - half);
                    if (local is null) continue;
                    var wgt = Vector.Min(Vector.Max(d, -one), one);
                    var v = wgt * pS;
                    rowA += v;
                    rowB += wgt * psiS;
                    (new Vector<T>(gj.Slice(k)) - v).CopyTo(gj.Slice(k));
                }
                if (local is not null)
                {
                    T two = T.CreateChecked(2);
                    local[i * p + j] += two * Vector.Sum(rowA) - kappa[i * p + j] * Vector.Sum(rowB);
                }
            }
            return double.CreateChecked(Vector.Sum(loss));
        }
    }
}
