using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// The fused CPU loop of RKD angle: one pass over all (i, j, k) with SIMD over k, computing ψ(s), ψ(t), the
    /// smooth-L1 sum and, when asked, dL/da (see <see cref="RkdAngleMath"/>) without any N³ temporary.
    /// Inputs are N×P row-major arrays (P = N rounded up to the SIMD width plus one more width, so a vector
    /// starting at any column &lt; N stays in its row; padding columns all zero):
    /// squared distances a and half inverse norms ρ' of student and teacher, κ = ρ² where unclamped.
    /// </summary>
    internal static class RkdAngleKernel
    {
        public static int Padded(int n) => (n + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count + Vector<float>.Count;

        /// <summary>Squared distances Σ_d (eᵢ_d − eⱼ_d)² of the rows of the N×D array <paramref name="e"/> (exact 0 for equal rows).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static T[] SquaredDistances<T>(T[] e, int n, int d, int workers)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var result = new T[n * n];
            int width = Vector<T>.Count;
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(workers, 1) }, i =>
            {
                var ei = new ReadOnlySpan<T>(e, i * d, d);
                for (int j = i + 1; j < n; j++)
                {
                    var ej = new ReadOnlySpan<T>(e, j * d, d);
                    var acc = Vector<T>.Zero;
                    int x = 0;
                    for (; x + width <= d; x += width)
                    {
                        var diff = new Vector<T>(ei.Slice(x)) - new Vector<T>(ej.Slice(x));
                        acc += diff * diff;
                    }
                    T sum = Vector.Sum(acc);
                    for (; x < d; x++) sum += (ei[x] - ej[x]) * (ei[x] - ej[x]);
                    result[i * n + j] = sum;
                    result[j * n + i] = sum;
                }
            });
            return result;
        }

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

        /// <summary>
        /// One anchor i: its loss sum; adds its gradient terms to this worker's <paramref name="local"/>. ψᵢⱼₖ is
        /// symmetric in (j, k), so each unordered pair is visited once: k = j as a scalar, k &gt; j in vectors
        /// counted twice (the (j, k) gradient goes to entry (j, k) only; the caller symmetrises).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static double Anchor<T>(int i, int n, int p, T[] aS, T[] rS, T[] aT, T[] rT, T[] kappa, T[]? local)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count;
            T two = T.CreateChecked(2);
            var one = Vector<T>.One;
            var half = new Vector<T>(T.CreateChecked(0.5));
            var twos = new Vector<T>(two);
            var loss = Vector<T>.Zero;
            T diagonalLoss = T.Zero;
            var ai = new ReadOnlySpan<T>(aS, i * p, p);
            var ri = new ReadOnlySpan<T>(rS, i * p, p);
            var bi = new ReadOnlySpan<T>(aT, i * p, p);
            var ti = new ReadOnlySpan<T>(rT, i * p, p);
            var ki = new ReadOnlySpan<T>(kappa, i * p, p);
            var gi = local is null ? Span<T>.Empty : new Span<T>(local, i * p, p);
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                var aj = new ReadOnlySpan<T>(aS, j * p, p);
                var bj = new ReadOnlySpan<T>(aT, j * p, p);
                T pjj = ri[j] * ri[j];
                T psiSjj = (ai[j] + ai[j] - aj[j]) * pjj;
                T djj = psiSjj - (bi[j] + bi[j] - bj[j]) * (ti[j] * ti[j]);
                T adjj = T.Abs(djj);
                diagonalLoss += adjj < T.One ? T.CreateChecked(0.5) * djj * djj : adjj - T.CreateChecked(0.5);
                var aij = new Vector<T>(ai[j]);
                var rij = new Vector<T>(ri[j]);
                var bij = new Vector<T>(bi[j]);
                var tij = new Vector<T>(ti[j]);
                var gj = local is null ? Span<T>.Empty : new Span<T>(local, j * p, p);
                var rowA = Vector<T>.Zero;
                var rowB = Vector<T>.Zero;
                for (int k = j + 1; k < n; k += width)
                {
                    var pS = rij * new Vector<T>(ri.Slice(k));
                    var psiS = (aij + new Vector<T>(ai.Slice(k)) - new Vector<T>(aj.Slice(k))) * pS;
                    var psiT = (bij + new Vector<T>(bi.Slice(k)) - new Vector<T>(bj.Slice(k))) * (tij * new Vector<T>(ti.Slice(k)));
                    var d = psiS - psiT;
                    var ad = Vector.Abs(d);
                    loss += Vector.ConditionalSelect(Vector.LessThan(ad, one), half * d * d, ad - half);
                    if (local is null) continue;
                    var wgt = Vector.Min(Vector.Max(d, -one), one);
                    var v = wgt * pS;
                    var h = wgt * psiS;
                    rowA += v;
                    rowB += h;
                    (new Vector<T>(gi.Slice(k)) + twos * v - new Vector<T>(ki.Slice(k)) * h).CopyTo(gi.Slice(k));
                    (new Vector<T>(gj.Slice(k)) - twos * v).CopyTo(gj.Slice(k));
                }
                if (local is null) continue;
                T wjj = T.Clamp(djj, -T.One, T.One);
                T vjj = wjj * pjj;
                gi[j] += two * (vjj + Vector.Sum(rowA)) - ki[j] * (wjj * psiSjj + Vector.Sum(rowB));
                gj[j] -= vjj;
            }
            return double.CreateChecked(two * Vector.Sum(loss) + diagonalLoss);
        }
    }
}
