using System;
using Distill.Runtime.Terms;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// The 512-bit float32 kernels (<see cref="HostGemm"/>, <see cref="DominantSolve.SolveBlockedOnHost"/>,
/// <see cref="DominantSolve.InvertSingle"/>) against float64 products and solves computed by libtorch. They run on
/// every machine: where 512-bit vectors are not accelerated .NET emulates them (slowly, with the same results), so
/// these tests check the code that the AVX-512 AMD machines run even where the terms themselves take libtorch's path.
/// </summary>
public class HostGemmTests
{
    /// <summary>Float32 products with k terms: within k·2⁻²⁴ of the float64 product, relative to Σ|aᵢₚ·bₚⱼ|.</summary>
    private static void AssertClose(Tensor expected64, Tensor bound64, float[] actual, int ldc, int m, int n, int k, string what)
    {
        var e = expected64.data<double>().ToArray();
        var scale = bound64.data<double>().ToArray();
        double tolerance = (k + 2) * Math.Pow(2, -24);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double diff = Math.Abs(actual[i * ldc + j] - e[i * n + j]);
                Assert.True(diff <= tolerance * (scale[i * n + j] + 1e-30),
                    $"{what}: C[{i},{j}] = {actual[i * ldc + j]}, expected {e[i * n + j]} (|diff| {diff:E2} > {tolerance * scale[i * n + j]:E2})");
            }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 5, 3)]
    [InlineData(8, 32, 64)] // one whole tile
    [InlineData(9, 33, 17)] // a row and a column past the tiles
    [InlineData(64, 292, 64)] // the block solve's shapes at N = 256, C = 100
    [InlineData(192, 292, 64)]
    [InlineData(64, 100, 192)]
    [InlineData(256, 256, 128)] // the N×D·D×N Gram product
    [InlineData(130, 47, 5)]
    [InlineData(64, 128, 1000)] // seed's gradient shape: four blocks of the sum (HostGemm.DepthBlock), the first setting C
    [InlineData(17, 1000, 2000)] // 34 M: two bands, of 16 rows and 1 (bands of ⌊17 / 2⌋ rounded to tiles, 8 + 8, dropped row 16)
    [InlineData(1000, 200, 300)] // 60 M multiply-adds, past 2 and 3 × HostGemm.ParallelWork: in bands when workers > 1
    public void Products_match_float64_within_rounding(int m, int n, int k)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)(m * 1000 + n * 10 + k), CPU);
        // Strided rows (lda > k, ldb > n, ldc > n) as in the block solve's views of [M | B].
        int lda = k + 3, ldb = n + 5, ldc = n + 2;
        var a = randn([m, lda], ScalarType.Float32, generator: g);
        var b = randn([k, ldb], ScalarType.Float32, generator: g);
        var c0 = randn([m, ldc], ScalarType.Float32, generator: g);
        var a64 = a.narrow(1, 0, k).to_type(ScalarType.Float64);
        var b64 = b.narrow(1, 0, n).to_type(ScalarType.Float64);
        var product = a64.mm(b64);
        var bound = a64.abs().mm(b64.abs());
        var aHost = a.data<float>().ToArray();
        var bHost = b.data<float>().ToArray();

        var c = c0.data<float>().ToArray();
        HostGemm.Multiply(aHost, lda, bHost, ldb, c, ldc, m, n, k, subtract: false);
        AssertClose(product, bound, c, ldc, m, n, k, $"C = A·B, {m}×{k}·{k}×{n}");

        // A stored transposed (k×m, rows m + 1 apart), as seed's gradient reads its scores; in bands on two workers.
        var aT = a.narrow(1, 0, k).t().contiguous();
        var aTHost = cat([aT, zeros([k, 1], ScalarType.Float32)], 1).data<float>().ToArray();
        foreach (int workers in new[] { 1, 2, 3 })
        {
            c = c0.data<float>().ToArray();
            HostGemm.Multiply(aTHost, m + 1, bHost, ldb, c, ldc, m, n, k, subtract: false, transposedA: true, workers: workers);
            AssertClose(product, bound, c, ldc, m, n, k, $"C = (Aᵀ)ᵀ·B, {m}×{k}·{k}×{n}, {workers} workers");
            c = c0.data<float>().ToArray();
            HostGemm.Multiply(aHost, lda, bHost, ldb, c, ldc, m, n, k, subtract: false, workers: workers);
            AssertClose(product, bound, c, ldc, m, n, k, $"C = A·B, {m}×{k}·{k}×{n}, {workers} workers");
        }

        c = c0.data<float>().ToArray();
        HostGemm.Multiply(aHost, lda, bHost, ldb, c, ldc, m, n, k, subtract: true);
        var before = c0.narrow(1, 0, n).to_type(ScalarType.Float64);
        AssertClose(before - product, bound + before.abs(), c, ldc, m, n, k, $"C −= A·B, {m}×{k}·{k}×{n}");

        // The padding columns of C (ldc > n) are left as they were.
        var original = c0.data<float>().ToArray();
        for (int i = 0; i < m; i++)
            for (int j = n; j < ldc; j++) Assert.Equal(original[i * ldc + j], c[i * ldc + j]);
    }

    [Fact]
    public void The_tensor_product_matches_mm_and_takes_a_transposed_operand()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5, CPU);
        var u = randn([70, 40], ScalarType.Float32, generator: g);
        var expected = u.to_type(ScalarType.Float64).mm(u.t().to_type(ScalarType.Float64));
        var actual = HostGemm.Product(u, u.t());
        Assert.Equal(new long[] { 70, 70 }, actual.shape);
        Assert.True(allclose(actual.to_type(ScalarType.Float64), expected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void A_matrix_that_does_not_fit_its_buffer_is_refused()
    {
        var small = new float[10];
        var ex = Assert.Throws<ArgumentException>(() => HostGemm.Multiply(small, 4, new float[16], 4, new float[16], 4, 4, 4, 4, subtract: false));
        Assert.Contains("A (4×4, rows 4 apart)", ex.Message);
    }

    /// <summary>A BAKE-like system M = I − ωA, A a row softmax with zero diagonal: strictly row-diagonally dominant.</summary>
    private static Tensor System(int n, double omega, Generator g)
    {
        var s = randn([n, n], ScalarType.Float64, generator: g);
        s.diagonal().sub_(1e9);
        var m = s.softmax(1) * -omega;
        m.diagonal().add_(1.0);
        return m;
    }

    [Theory]
    [InlineData(1, 5, 0.5)] // one block of one row (BAKE takes this path at every N where HostGemm is on)
    [InlineData(9, 13, 0.9)] // one block, not a multiple of 16: the 256-bit inverse
    [InlineData(64, 100, 0.5)] // one whole 64-row block
    [InlineData(65, 100, 0.5)]
    [InlineData(129, 7, 0.9)]
    [InlineData(256, 100, 0.5)]
    [InlineData(300, 33, 0.99)]
    public void The_host_block_solve_matches_a_float64_solve(int n, int c, double omega)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)(n + c), CPU);
        var m = System(n, omega, g);
        var b = rand([n, c], ScalarType.Float64, generator: g);
        var expected = linalg.solve(m, b);
        var actual = DominantSolve.SolveBlockedOnHost(m.to_type(ScalarType.Float32), b.to_type(ScalarType.Float32)).to_type(ScalarType.Float64);
        // Condition number of I − ωA is at most (1 + ω)/(1 − ω); float32 rounding times that, with room for the elimination.
        double tolerance = 64 * n * Math.Pow(2, -24) * (1 + omega) / (1 - omega);
        double error = ((actual - expected).abs().max() / expected.abs().max()).item<double>();
        Assert.True(error <= tolerance, $"n={n} c={c} ω={omega}: relative error {error:E2} > {tolerance:E2}");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(48)]
    [InlineData(64)]
    [InlineData(20)] // not a multiple of 16: the 256-bit loop
    public void The_512_bit_block_inverse_matches_the_generic_one(int n)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)n, CPU);
        var m = System(n, 0.5, g).to_type(ScalarType.Float32);
        var single = m.data<float>().ToArray();
        var generic = m.data<float>().ToArray();
        DominantSolve.InvertSingle(single, n);
        DominantSolve.Invert<float>(generic, n);
        var expected = linalg.inv(m.to_type(ScalarType.Float64)).data<double>().ToArray();
        for (int i = 0; i < n * n; i++)
        {
            Assert.True(Math.Abs(single[i] - expected[i]) <= 1e-5, $"InvertSingle n={n}: [{i / n},{i % n}] = {single[i]}, expected {expected[i]}");
            Assert.True(Math.Abs(generic[i] - expected[i]) <= 1e-5, $"Invert n={n}: [{i / n},{i % n}] = {generic[i]}, expected {expected[i]}");
        }
    }
}
