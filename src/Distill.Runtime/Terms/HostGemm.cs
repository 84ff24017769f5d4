using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// A float32 matrix product on the calling thread with 512-bit vectors, for the loss-sized products of the host
    /// passes (N×D·D×N, BAKE's block solve) on AMD CPUs with AVX-512. TorchSharp's libtorch links MKL statically, and on
    /// AMD MKL dispatches to its AVX2 kernels whether or not the CPU has AVX-512 (perf on a Zen 5 EPYC:
    /// <c>mkl_blas_def_sgemm_kernel_0_zen</c>); there 256·128·256 took MKL 0.18 ms on one thread and 0.28 on two (a
    /// parallel region's wake-up cost), this kernel 0.075 ms, PyTorch's OpenBLAS (AVX-512) 0.09 ms; docs/performance.md.
    /// On Intel, MKL takes its AVX-512 path itself and this kernel is not measured there, so it stays off; without
    /// AVX-512 it is off too (Zen 1's MKL AVX2 path is what it would be). <c>DISTILL_HOST_GEMM=0</c> turns it off, =1 on
    /// wherever 512-bit vectors are accelerated.
    /// The kernel: 8 rows × 32 columns of C in 16 registers, one FMA per element of A·B in k order (as MKL's kernel, so
    /// the products agree with <c>mm</c> to rounding; at these shapes they were bitwise equal), no packing: blocks of
    /// 256 along the sum keep a 32-column panel of B in L1 and blocks of 64 rows of A in L2; edge tiles go through a
    /// zero-padded copy.
    /// </summary>
    internal static unsafe class HostGemm
    {
        private const int Rows = 8, Columns = 32;

        /// <summary>Whether <see cref="SerialScope.Product"/>, seed and bake's block solve use this kernel on this machine.</summary>
        public static readonly bool Enabled = Decide(Environment.GetEnvironmentVariable("DISTILL_HOST_GEMM"));

        private static bool Decide(string? setting) => setting?.Trim() switch
        {
            "0" => false,
            "1" => Vector512.IsHardwareAccelerated,
            _ => Vector512.IsHardwareAccelerated && !IsIntel(),
        };

        private static bool IsIntel()
        {
            if (!X86Base.IsSupported) return false;
            var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
            return ebx == 0x756e6547 && edx == 0x49656e69 && ecx == 0x6c65746e; // "GenuineIntel"
        }

        [ThreadStatic] private static float[]? t_scratch;

        /// <summary>
        /// C = A·B, or C −= A·B when <paramref name="subtract"/>: row-major A (m×k, rows <paramref name="lda"/> apart;
        /// with <paramref name="transposedA"/> A is stored as its k×m transpose, rows lda apart), B (k×n,
        /// <paramref name="ldb"/>), C (m×n, <paramref name="ldc"/>). C must overlap neither A nor B.
        /// </summary>
        public static void Multiply(ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, int m, int n, int k, bool subtract,
            bool transposedA = false, int workers = 1)
        {
            if (m <= 0 || n <= 0) return;
            if (transposedA) Check(a.Length, lda, k, m, "Aᵀ");
            else Check(a.Length, lda, m, k, "A");
            Check(b.Length, ldb, k, n, "B");
            Check(c.Length, ldc, m, n, "C");
            // Bands of C's rows (whole tiles) per worker, above ParallelWork multiply-adds a worker.
            int bands = (int)Math.Clamp(Math.Min((long)workers, (long)m * n * k / ParallelWork), 1, Math.Max(1, m / Rows));
            fixed (float* pa = a, pb = b, pc = c)
            {
                if (bands == 1)
                {
                    Multiply(pa, lda, transposedA, pb, ldb, pc, ldc, m, n, k, subtract);
                    return;
                }
                nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
                int band = ((m + bands - 1) / bands + Rows - 1) / Rows * Rows; // ⌈m / bands⌉ in whole tiles
                long rowStep = transposedA ? 1 : lda;
                System.Threading.Tasks.Parallel.For(0, bands, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = bands }, w =>
                {
                    int from = w * band, rows = Math.Min(band, m - from);
                    if (rows > 0)
                        Multiply((float*)ia + from * rowStep, lda, transposedA, (float*)ib, ldb, (float*)ic + (long)from * ldc, ldc, rows, n, k, subtract);
                });
            }
        }

        /// <summary>
        /// Multiply-adds a worker takes at least when a product is split into bands of rows (one .NET worker each, no
        /// libtorch parallel region): seed's products at K = 4096, D = 128 (67 M and 268 M multiply-adds) split in two
        /// took a whole seed step to 1.0–1.5 ms at N = 64 and 4.2–5.3 ms at N = 256, one thread 1.5 and 6.5–7.5 ms (Zen 5
        /// EPYC); the 8.4 M of an N = 256 Gram product stay on one thread, where a wake-up costs more than half of it saves.
        /// </summary>
        public const long ParallelWork = 1L << 24;

        private static void Check(int length, int stride, int rows, int columns, string name)
        {
            if (columns < 0 || (rows > 0 && (stride < columns || (long)(rows - 1) * stride + columns > length)))
                throw new ArgumentException($"HostGemm: {name} ({rows}×{columns}, rows {stride} apart) does not fit its {length} elements.");
        }

        /// <summary>
        /// <paramref name="a"/>·<paramref name="b"/> of float32 CPU matrices, as <c>mm</c> (no autograd; a non-contiguous
        /// operand is copied first), on up to <paramref name="workers"/> threads (see <see cref="ParallelWork"/>).
        /// </summary>
        public static Tensor Product(Tensor a, Tensor b, int workers = 1)
        {
            int m = (int)a.size(0), k = (int)a.size(1), n = (int)b.size(1);
            var c = empty([m, n], ScalarType.Float32, a.device);
            Multiply(HostArrays.Read<float>(a), k, HostArrays.Read<float>(b), n, HostArrays.Span<float>(c), n, m, n, k, subtract: false, workers: workers);
            return c;
        }

        /// <summary>Depth of a block of the sum (rows of B): a 32-column panel of it, 32 KiB, stays in L1 across the row tiles.</summary>
        private const int DepthBlock = 256;

        /// <summary>Rows of C per block: 64 rows of A by <see cref="DepthBlock"/> (64 KiB) stay in L2 across the column panels.</summary>
        private const int RowBlock = 64;

        /// <summary>What a tile does to C: overwrite it, add to it, subtract from it.</summary>
        private enum Mode { Set, Add, Subtract }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Multiply(float* a, int lda, bool transposedA, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool subtract)
        {
            // Element (i, p) of A: a[i·rowStep + p·depthStep].
            long rowStep = transposedA ? 1 : lda, depthStep = transposedA ? lda : 1;
            int fullColumns = n - n % Columns, fullRows = m - m % Rows, columns = n - fullColumns;
            int depth = Math.Min(DepthBlock, k);
            int need = Rows * Columns + Rows * depth + depth * Columns;
            var scratch = t_scratch is { } s && s.Length >= need ? s : (t_scratch = new float[need]);
            fixed (float* tile = scratch)
            {
                float* paddedA = tile + Rows * Columns, paddedB = paddedA + Rows * depth;
                // Blocks of the sum: the first sets C (or subtracts), the later ones add (or subtract) their part.
                for (int p0 = 0; p0 < k; p0 += DepthBlock)
                {
                    int kc = Math.Min(DepthBlock, k - p0);
                    var mode = subtract ? Mode.Subtract : p0 == 0 ? Mode.Set : Mode.Add;
                    float* ap = a + p0 * depthStep, bp = b + (long)p0 * ldb;
                    if (columns > 0)
                        for (int p = 0; p < kc; p++)
                        {
                            float* row = paddedB + p * Columns, from = bp + (long)p * ldb + fullColumns;
                            for (int q = 0; q < Columns; q++) row[q] = q < columns ? from[q] : 0f;
                        }
                    for (int i0 = 0; i0 < m; i0 += RowBlock)
                    {
                        int iEnd = Math.Min(i0 + RowBlock, m), tilesEnd = Math.Min(iEnd, fullRows);
                        for (int j = 0; j < fullColumns; j += Columns)
                        {
                            for (int i = i0; i < tilesEnd; i += Rows)
                                Kernel(ap + i * rowStep, rowStep, depthStep, bp + j, ldb, c + (long)i * ldc + j, ldc, kc, mode);
                            if (tilesEnd < iEnd)
                                Edge(ap + tilesEnd * rowStep, rowStep, depthStep, iEnd - tilesEnd, bp + j, ldb, Columns, c + (long)tilesEnd * ldc + j, ldc, kc, mode, tile, paddedA);
                        }
                        if (columns > 0)
                            for (int i = i0; i < iEnd; i += Rows)
                                Edge(ap + i * rowStep, rowStep, depthStep, Math.Min(Rows, iEnd - i), paddedB, Columns, columns, c + (long)i * ldc + fullColumns, ldc, kc, mode, tile, paddedA);
                    }
                }
            }
        }

        /// <summary>
        /// A partial tile: A's rows (copied row-major and zero-padded to 8 when fewer), the product into <paramref name="tile"/>,
        /// the valid part into C. Element (r, p) of A is a[r·rowStep + p·depthStep].
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Edge(float* a, long rowStep, long depthStep, int rows, float* b, int ldb, int columns, float* c, int ldc, int k, Mode mode, float* tile, float* paddedA)
        {
            if (rows == Rows) // whole rows of A: read in place
                Kernel(a, rowStep, depthStep, b, ldb, tile, Columns, k, Mode.Set);
            else
            {
                for (int r = 0; r < Rows; r++)
                    for (int p = 0; p < k; p++) paddedA[r * k + p] = r < rows ? a[r * rowStep + p * depthStep] : 0f;
                Kernel(paddedA, k, 1, b, ldb, tile, Columns, k, Mode.Set);
            }
            for (int r = 0; r < rows; r++)
            {
                float* to = c + (long)r * ldc, from = tile + r * Columns;
                for (int q = 0; q < columns; q++)
                    to[q] = mode switch { Mode.Set => from[q], Mode.Add => to[q] + from[q], _ => to[q] - from[q] };
            }
        }

        /// <summary>
        /// The 8×32 tile of C at <paramref name="c"/>: sixteen 16-float accumulators, A broadcast one element at a time.
        /// Element (r, p) of A is a[r·rowStep + p·depthStep]: (lda, 1) for a row-major A, (1, lda) for one stored
        /// transposed, whose 8 elements of a column are then contiguous.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Kernel(float* a, long rowStep, long depthStep, float* b, int ldb, float* c, int ldc, int k, Mode mode)
        {
            Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
                c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default,
                c60 = default, c61 = default, c70 = default, c71 = default;
            nint r1 = (nint)rowStep, r2 = 2 * r1, r3 = 3 * r1, r4 = 4 * r1, r5 = 5 * r1, r6 = 6 * r1, r7 = 7 * r1;
            for (int p = 0; p < k; p++)
            {
                var b0 = Vector512.Load(b);
                var b1 = Vector512.Load(b + 16);
                b += ldb;
                var x = Vector512.Create(a[0]);
                c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
                x = Vector512.Create(a[r1]);
                c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
                x = Vector512.Create(a[r2]);
                c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
                x = Vector512.Create(a[r3]);
                c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
                x = Vector512.Create(a[r4]);
                c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
                x = Vector512.Create(a[r5]);
                c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
                x = Vector512.Create(a[r6]);
                c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
                x = Vector512.Create(a[r7]);
                c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
                a += depthStep;
            }
            Store(c, c00, c01, mode);
            Store(c + ldc, c10, c11, mode);
            Store(c + 2L * ldc, c20, c21, mode);
            Store(c + 3L * ldc, c30, c31, mode);
            Store(c + 4L * ldc, c40, c41, mode);
            Store(c + 5L * ldc, c50, c51, mode);
            Store(c + 6L * ldc, c60, c61, mode);
            Store(c + 7L * ldc, c70, c71, mode);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(float* c, Vector512<float> left, Vector512<float> right, Mode mode)
        {
            if (mode == Mode.Subtract)
            {
                left = Vector512.Load(c) - left;
                right = Vector512.Load(c + 16) - right;
            }
            else if (mode == Mode.Add)
            {
                left += Vector512.Load(c);
                right += Vector512.Load(c + 16);
            }
            left.Store(c);
            right.Store(c + 16);
        }
    }
}
