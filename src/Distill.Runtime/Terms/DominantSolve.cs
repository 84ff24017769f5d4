using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// X = M⁻¹B by Gaussian elimination without pivoting, for the strictly row-diagonally-dominant systems of BAKE
    /// (M = I − ωA with A row-stochastic, ω &lt; 1: |Mᵢᵢ| = 1 − ωAᵢᵢ &gt; ω·Σⱼ≠ᵢ Aᵢⱼ). Such a matrix needs no pivoting:
    /// every Schur complement stays strictly row-diagonally dominant, so no pivot is 0 and the growth factor stays
    /// below 2. <see cref="Solve"/> is for small batches (<see cref="MaxRows"/>): there the call overhead of libtorch's
    /// <c>linalg.solve</c> (a transposed copy of each operand, partial-pivoting LU, an error check) exceeds the
    /// arithmetic; at N = 256 this unblocked loop is load/store-bound (bake 2.5–3.0 ms with it against 1.7–2.5 ms with
    /// <c>linalg.solve</c>), and <see cref="SolveBlocked"/> takes larger systems.
    /// </summary>
    internal static class DominantSolve
    {
        /// <summary>Largest N for <see cref="Solve"/> on its own; larger systems go to <see cref="SolveBlocked"/>.</summary>
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

        /// <summary>Rows of a diagonal block in <see cref="SolveBlocked"/>.</summary>
        public const int Block = 64;

        /// <summary>
        /// X = M⁻¹B for larger systems (N &gt; <see cref="MaxRows"/>) by block Gaussian elimination without pivoting, on the
        /// N×(N + C) tensor [M | B]: per block row of <see cref="Block"/>, the diagonal block is inverted on the host
        /// (<see cref="Invert"/>; a Schur complement of a strictly row-diagonally-dominant matrix is one again),
        /// the block row is multiplied by that inverse, and the rows below are updated with one libtorch product; then
        /// block back-substitution, one product a block. Nearly all the arithmetic is in libtorch's matrix products,
        /// which reach 57–77 GFLOPS at these shapes where <c>linalg.solve</c>'s triangular solves reach about 18
        /// (N = 256, C = 100, one thread: 0.56–0.78 ms against 0.94–1.19 ms; docs/performance.md).
        /// <paramref name="m"/> (n×n) and <paramref name="b"/> (n×c) are float32 or float64 CPU tensors; returns X, contiguous.
        /// </summary>
        public static Tensor SolveBlocked(Tensor m, Tensor b)
        {
            if (OnHost(m.dtype)) return SolveBlockedOnHost(m, b);
            int n = (int)m.size(0), c = (int)b.size(1);
            var w = cat([m, b], 1);
            for (int k = 0; k < n; k += Block)
            {
                int size = Math.Min(Block, n - k), rest = n + c - k - size;
                // A copy (rows n + c apart in w, so the view is never contiguous itself), inverted in place.
                var inverse = w.narrow(0, k, size).narrow(1, k, size).contiguous();
                if (m.dtype == ScalarType.Float32)
                    Invert(HostArrays.Span<float>(inverse), size);
                else
                    Invert(HostArrays.Span<double>(inverse), size);
                var right = w.narrow(0, k, size).narrow(1, k + size, rest);
                right.copy_(inverse.mm(right));
                if (k + size < n)
                {
                    var below = w.narrow(0, k + size, n - k - size);
                    below.narrow(1, k + size, rest).addmm_(below.narrow(1, k, size), right, 1, -1);
                }
            }
            var x = w.narrow(1, n, c);
            for (int k = (n - 1) / Block * Block; k >= 0; k -= Block)
            {
                int size = Math.Min(Block, n - k);
                if (k + size < n)
                    x.narrow(0, k, size).addmm_(w.narrow(0, k, size).narrow(1, k + size, n - k - size), x.narrow(0, k + size, n - k - size), 1, -1);
            }
            return x.contiguous();
        }

        /// <summary>
        /// Whether an n-row system goes to <see cref="SolveBlocked"/> rather than <see cref="Solve"/>: above
        /// <see cref="MaxRows"/>, and at every size for float32 where <see cref="HostGemm"/> is on (there, at N = 64, its
        /// one block, inverted with 512-bit rows and then one product, took 17–24 µs against 42–72 for the row-by-row
        /// elimination, and N = 128 50 against 180; Zen 5 EPYC, C = 100).
        /// </summary>
        public static bool Blocked(int n, ScalarType dtype) => n > MaxRows || OnHost(dtype);

        private static bool OnHost(ScalarType dtype) => dtype == ScalarType.Float32 && HostGemm.Enabled;

        /// <summary>
        /// <see cref="SolveBlocked"/> for float32 where <see cref="HostGemm"/> is on: the same steps on a host copy of
        /// [M | B], with that kernel for the products (no libtorch call between the two copies).
        /// </summary>
        internal static Tensor SolveBlockedOnHost(Tensor m, Tensor b)
        {
            int n = (int)m.size(0), c = (int)b.size(1), width = n + c;
            // Reused per thread: at N = 256 [M | B] is 356 KiB, and a fresh array each step (large-object heap, zeroed,
            // collected by full collections) took 0.3 ms of a 0.6 ms solve.
            var w = Scratch(ref t_system, n * width);
            var inverse = Scratch(ref t_inverse, Block * Block);
            var product = Scratch(ref t_product, Block * width);
            var source = HostArrays.Read<float>(m);
            var rhs = HostArrays.Read<float>(b);
            for (int i = 0; i < n; i++)
            {
                source.Slice(i * n, n).CopyTo(w.AsSpan(i * width, n));
                rhs.Slice(i * c, c).CopyTo(w.AsSpan(i * width + n, c));
            }
            for (int k = 0; k < n; k += Block)
            {
                int size = Math.Min(Block, n - k), rest = width - k - size;
                for (int i = 0; i < size; i++) w.AsSpan((k + i) * width + k, size).CopyTo(inverse.AsSpan(i * size, size));
                InvertSingle(inverse.AsSpan(0, size * size), size);
                // The block row's right part times the inverse, through a buffer (the product may not overwrite its operand).
                HostGemm.Multiply(inverse, size, w.AsSpan(k * width + k + size), width, product, rest, size, rest, size, subtract: false);
                for (int i = 0; i < size; i++) product.AsSpan(i * rest, rest).CopyTo(w.AsSpan((k + i) * width + k + size, rest));
                if (k + size < n)
                    HostGemm.Multiply(w.AsSpan((k + size) * width + k), width, w.AsSpan(k * width + k + size), width,
                        w.AsSpan((k + size) * width + k + size), width, n - k - size, rest, size, subtract: true);
            }
            for (int k = (n - 1) / Block * Block; k >= 0; k -= Block)
            {
                int size = Math.Min(Block, n - k);
                if (k + size < n)
                    HostGemm.Multiply(w.AsSpan(k * width + k + size), width, w.AsSpan((k + size) * width + n), width,
                        w.AsSpan(k * width + n), width, size, c, n - k - size, subtract: true);
            }
            var x = empty([n, c], ScalarType.Float32, m.device);
            var xs = HostArrays.Span<float>(x);
            for (int i = 0; i < n; i++) w.AsSpan(i * width + n, c).CopyTo(xs.Slice(i * c, c));
            return x;
        }

        [ThreadStatic] private static float[]? t_system, t_inverse, t_product;

        /// <summary>Floats a thread keeps for the next solve (16 MiB, N ≈ 1,900 at C = 100); larger systems get a fresh array each time.</summary>
        private const int KeptScratch = 1 << 22;

        private static float[] Scratch(ref float[]? slot, int length)
        {
            if (slot is { } kept && kept.Length >= length) return kept;
            var fresh = new float[length];
            if (length <= KeptScratch) slot = fresh;
            return fresh;
        }

        /// <summary>
        /// <see cref="Invert"/> for float32 with 512-bit vectors when the order is a multiple of 16 (the 64-row blocks):
        /// the pivot row stays in registers while every other row takes its multiple. A 64×64 block on a Zen 5 EPYC:
        /// 19 µs with <see cref="Invert"/>'s 256-bit loop, 10 µs this way.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal static void InvertSingle(Span<float> m, int n)
        {
            if (n % 16 != 0 || n > 64 || !Vector512.IsHardwareAccelerated) { Invert(m, n); return; }
            if (m.Length != n * n) throw new ArgumentException($"DominantSolve: expected a {n}×{n} buffer.");
            ref float a = ref MemoryMarshal.GetReference(m);
            int vectors = n / 16;
            for (int k = 0; k < n; k++)
            {
                nuint pk = (nuint)(k * n), kk = (nuint)k;
                float inv = 1f / Unsafe.Add(ref a, pk + kk);
                var vinv = Vector512.Create(inv);
                // The pivot row, scaled, in up to four registers; its diagonal becomes 1·inv after the vector stores.
                Vector512<float> r0 = Vector512.LoadUnsafe(ref a, pk) * vinv, r1 = default, r2 = default, r3 = default;
                r0.StoreUnsafe(ref a, pk);
                if (vectors > 1) { r1 = Vector512.LoadUnsafe(ref a, pk + 16) * vinv; r1.StoreUnsafe(ref a, pk + 16); }
                if (vectors > 2) { r2 = Vector512.LoadUnsafe(ref a, pk + 32) * vinv; r2.StoreUnsafe(ref a, pk + 32); }
                if (vectors > 3) { r3 = Vector512.LoadUnsafe(ref a, pk + 48) * vinv; r3.StoreUnsafe(ref a, pk + 48); }
                Unsafe.Add(ref a, pk + kk) = inv;
                for (int i = 0; i < n; i++)
                {
                    nuint pi = (nuint)(i * n);
                    float f = Unsafe.Add(ref a, pi + kk);
                    if (i == k || f == 0f) continue;
                    var vf = Vector512.Create(-f);
                    Vector512.FusedMultiplyAdd(vf, r0, Vector512.LoadUnsafe(ref a, pi)).StoreUnsafe(ref a, pi);
                    if (vectors > 1) Vector512.FusedMultiplyAdd(vf, r1, Vector512.LoadUnsafe(ref a, pi + 16)).StoreUnsafe(ref a, pi + 16);
                    if (vectors > 2) Vector512.FusedMultiplyAdd(vf, r2, Vector512.LoadUnsafe(ref a, pi + 32)).StoreUnsafe(ref a, pi + 32);
                    if (vectors > 3) Vector512.FusedMultiplyAdd(vf, r3, Vector512.LoadUnsafe(ref a, pi + 48)).StoreUnsafe(ref a, pi + 48);
                    // Column k as if it had been zeroed before the update (0 − f·inv); stored after the vectors, because a
                    // scalar store just before a wide load of the same bytes cannot be forwarded and stalls the load.
                    Unsafe.Add(ref a, pi + kk) = -f * inv;
                }
            }
        }

        /// <summary>
        /// Inverts the n×n row-major <paramref name="m"/> in place by Gauss–Jordan elimination without pivoting (for the
        /// strictly row-diagonally-dominant blocks of <see cref="SolveBlocked"/>): every step updates whole rows, so the
        /// inner loop is one vector multiply-add across a row. A 64×64 float32 block on a Zen 1 EPYC: 0.108 ms by <see cref="Solve"/> against I,
        /// 0.079 ms this way (docs/performance.md).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Invert<T>(Span<T> m, int n) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (m.Length != n * n) throw new ArgumentException($"DominantSolve: expected a {n}×{n} buffer.");
            int width = Vector<T>.Count, vectorEnd = n - n % width;
            ref T a = ref MemoryMarshal.GetReference(m);
            for (int k = 0; k < n; k++)
            {
                nuint pk = (nuint)(k * n);
                T inv = T.One / Unsafe.Add(ref a, pk + (nuint)k);
                Rows.Scale(m.Slice(k * n, n), inv);
                Unsafe.Add(ref a, pk + (nuint)k) = inv; // as if set to 1 before the scaling
                for (int i = 0; i < n; i++)
                {
                    nuint pi = (nuint)(i * n);
                    T f = Unsafe.Add(ref a, pi + (nuint)k);
                    if (i == k || f == T.Zero) continue;
                    var vf = new Vector<T>(f);
                    int c = 0;
                    for (; c < vectorEnd; c += width)
                    {
                        nuint o = (nuint)c;
                        (Vector.LoadUnsafe(ref a, pi + o) - vf * Vector.LoadUnsafe(ref a, pk + o)).StoreUnsafe(ref a, pi + o);
                    }
                    for (; c < n; c++) Unsafe.Add(ref a, pi + (nuint)c) -= f * Unsafe.Add(ref a, pk + (nuint)c);
                    // Column k as if zeroed before the update (0 − f·inv), stored after it: a scalar store just before a wide
                    // load of the same bytes cannot be forwarded and stalls the load (a 64×64 float32 block on a Zen 5 EPYC: 30 µs that way, 19 µs this).
                    Unsafe.Add(ref a, pi + (nuint)k) = -(f * inv);
                }
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
