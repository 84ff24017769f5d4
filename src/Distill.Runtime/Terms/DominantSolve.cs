using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// X = M⁻¹B by Gaussian elimination without pivoting, for the strictly row-diagonally-dominant systems of BAKE
    /// (M = I − ωA with A row-stochastic, ω &lt; 1: |Mᵢᵢ| = 1 − ωAᵢᵢ &gt; ω·Σⱼ≠ᵢ Aᵢⱼ). Such a matrix needs no pivoting:
    /// every Schur complement stays strictly row-diagonally dominant, so no pivot is 0 and the growth factor stays
    /// below 2. Used for small batches only (<see cref="MaxRows"/>): there the call overhead of libtorch's
    /// <c>linalg.solve</c> (a transposed copy of each operand, partial-pivoting LU, an error check) exceeds the
    /// arithmetic; at N = 256 this unblocked loop is load/store-bound and MKL's blocked LU is faster (measured:
    /// bake 2.5–3.0 ms with it against 1.7–2.5 ms without, docs/performance.md).
    /// </summary>
    internal static class DominantSolve
    {
        /// <summary>Largest N solved here; larger systems go to linalg.solve.</summary>
        public const int MaxRows = 128;

        /// <summary>Solves in place: <paramref name="m"/> (n×n, row-major) is destroyed, <paramref name="b"/> (n×c) becomes X.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Solve<T>(Span<T> m, Span<T> b, int n, int c) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (m.Length != n * n || b.Length != n * c)
                throw new ArgumentException($"DominantSolve: expected {n}×{n} and {n}×{c} buffers.");
            for (int k = 0; k < n; k++)
            {
                T pivot = m[k * n + k];
                var pivotRow = m.Slice(k * n + k + 1, n - k - 1);
                var pivotRhs = b.Slice(k * c, c);
                for (int i = k + 1; i < n; i++)
                {
                    T f = m[i * n + k] / pivot;
                    if (f == T.Zero) continue;
                    SubtractScaled(m.Slice(i * n + k + 1, n - k - 1), pivotRow, f);
                    SubtractScaled(b.Slice(i * c, c), pivotRhs, f);
                }
            }
            for (int i = n - 1; i >= 0; i--)
            {
                var xi = b.Slice(i * c, c);
                for (int j = i + 1; j < n; j++)
                {
                    T f = m[i * n + j];
                    if (f != T.Zero) SubtractScaled(xi, b.Slice(j * c, c), f);
                }
                T inv = T.One / m[i * n + i];
                for (int d = 0; d < c; d++) xi[d] *= inv;
            }
        }

        /// <summary>y −= f·x.</summary>
        private static void SubtractScaled<T>(Span<T> y, ReadOnlySpan<T> x, T f) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count, i = 0;
            var vf = new Vector<T>(f);
            ref T ys = ref MemoryMarshal.GetReference(y);
            ref T xs = ref MemoryMarshal.GetReference(x);
            for (; i + width <= y.Length; i += width)
                (Vector.LoadUnsafe(ref ys, (nuint)i) - vf * Vector.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            for (; i < y.Length; i++) y[i] -= f * x[i];
        }
    }
}
