using System;
using System.Numerics;
using Distill.Runtime.Terms;
using Xunit;

namespace Distill.Runtime.Tests;

/// <summary>
/// The host kernels' float32 exp (<see cref="SingleExp"/>) against float64 <see cref="Math.Exp(double)"/> rounded to
/// float32: within 1 ulp over a sweep of the whole range where exp is neither 0 nor +∞ (normal and subnormal results),
/// exact at the edges, NaN kept.
/// </summary>
public class SingleExpTests
{
    private static readonly int Width = Vector<float>.Count;

    private static float[] Exp(float[] x)
    {
        var result = new float[x.Length];
        var lanes = new float[Width];
        for (int i = 0; i < x.Length; i += Width)
        {
            Array.Clear(lanes);
            Array.Copy(x, i, lanes, 0, Math.Min(Width, x.Length - i));
            var e = SingleExp.Exp(new Vector<float>(lanes));
            for (int l = 0; l < Width && i + l < x.Length; l++) result[i + l] = e[l];
        }
        return result;
    }

    /// <summary>Distance in representable floats between a and the correctly rounded exp(x).</summary>
    private static long Ulps(float a, float x)
    {
        float exact = (float)Math.Exp(x);
        if (a == exact) return 0;
        if (float.IsInfinity(a) || float.IsInfinity(exact) || float.IsNaN(a)) return long.MaxValue;
        return Math.Abs((long)BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(exact));
    }

    [Theory]
    [InlineData(0x00000000u, 0x42B40000u)] // +0 … 90 (exp overflows above 88.72)
    [InlineData(0x80000000u, 0xC2D20000u)] // −0 … −105 (subnormal results below −87.34, 0 below −103.97)
    public void Within_one_ulp_over_the_range(uint firstBits, uint lastBits)
    {
        // Every 61st bit pattern (a prime stride, so every exponent and many mantissa patterns are visited): 18 million floats a side.
        const uint stride = 61;
        var x = new float[(lastBits - firstBits) / stride + 1];
        for (int i = 0; i < x.Length; i++) x[i] = BitConverter.UInt32BitsToSingle(firstBits + (uint)i * stride);
        var e = Exp(x);
        long worst = 0;
        float at = 0;
        for (int i = 0; i < x.Length; i++)
        {
            long u = Ulps(e[i], x[i]);
            if (u > worst) (worst, at) = (u, x[i]);
        }
        Assert.True(worst <= 1, $"exp({at:R}) = {Exp([at])[0]:R} is {worst} ulp from {(float)Math.Exp(at):R}");
    }

    [Fact]
    public void Edges_and_special_values()
    {
        float[] x = [0f, -0f, 1f, -1f, 88.72f, 88.7228394f, 88.73f, 1000f, float.PositiveInfinity,
            -87.3365479f, -87.5f, -103.9f, -103.98f, -104.5f, -1000f, float.NegativeInfinity, float.Epsilon, -float.Epsilon];
        var e = Exp(x);
        for (int i = 0; i < x.Length; i++)
            Assert.True(Ulps(e[i], x[i]) <= 1, $"exp({x[i]:R}) = {e[i]:R}, expected {(float)Math.Exp(x[i]):R}");
        Assert.Equal(1f, e[0]);
        Assert.Equal(float.PositiveInfinity, Exp([88.73f])[0]);
        Assert.Equal(0f, Exp([float.NegativeInfinity])[0]);
        Assert.True(float.IsNaN(Exp([float.NaN])[0]));
        Assert.True(float.IsNaN(Exp([1f, float.NaN, 2f])[1]));
    }
}
