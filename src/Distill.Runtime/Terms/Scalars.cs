using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// Tensor arithmetic with numbers that leaves no <see cref="Scalar"/> to the garbage collector.
    /// <para>
    /// TorchSharp 0.107 turns every number it is given (<c>x * 2.0</c>, <c>x.clamp_min(eps)</c>, and the
    /// <c>alpha = 1</c> it passes itself in <c>a + b</c> and <c>add_(v)</c>) into a <see cref="Scalar"/> whose
    /// small native half is freed only by its finalizer (upstream: dotnet/TorchSharp pull requests 1434 and
    /// 1496, open). A training step allocates little managed memory, so collections are rare (none in 2,000
    /// bake steps), and in the meantime glibc carves those blocks out of the step's freed N×N buffers, which then
    /// no longer fit the next step's: measured at N = 256, bake's RSS grew by 0.45 MB a step to 1 GiB, with about
    /// 200 page faults a step, and a step took 2.9 ms against 1.9 ms with collections forced. The hot paths
    /// therefore use these helpers, which dispose the Scalars they make, and the shared constants below.
    /// </para>
    /// </summary>
    internal static class Scalars
    {
        /// <summary>1, as the alpha of a sum (never disposed: shared for the process's lifetime).</summary>
        public static readonly Scalar One = 1.ToScalar();

        /// <summary>0, as the start of a range.</summary>
        public static readonly Scalar Zero = 0.ToScalar();

        /// <summary>0, 1, …, n − 1 (TorchSharp's <c>arange(n)</c> makes three Scalars).</summary>
        public static Tensor Range(long n, ScalarType dtype, Device device)
        {
            using var stop = n.ToScalar();
            return arange(Zero, stop, One, dtype, device);
        }

        /// <summary>op(x, v as a Scalar), the Scalar disposed after.</summary>
        private static Tensor With(Tensor x, double v, System.Func<Tensor, Scalar, Tensor> op)
        {
            using var s = v.ToScalar();
            return op(x, s);
        }

        /// <summary>op(x, mask, v as a Scalar), the Scalar disposed after.</summary>
        private static Tensor With(Tensor x, Tensor mask, double v, System.Func<Tensor, Tensor, Scalar, Tensor> op)
        {
            using var s = v.ToScalar();
            return op(x, mask, s);
        }

        /// <summary>a + b (TorchSharp's operator passes a fresh alpha = 1 Scalar).</summary>
        public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

        /// <summary>a += b, in place.</summary>
        public static Tensor PlusInPlace(this Tensor a, Tensor b) => a.add_(b, One);

        /// <summary>x + v.</summary>
        public static Tensor Plus(this Tensor x, double v) => With(x, v, static (t, s) => t.add(s, One));

        /// <summary>x += v, in place.</summary>
        public static Tensor PlusInPlace(this Tensor x, double v) => With(x, v, static (t, s) => t.add_(s, One));

        /// <summary>x · v.</summary>
        public static Tensor Times(this Tensor x, double v) => With(x, v, static (t, s) => t.mul(s));

        /// <summary>x ·= v, in place.</summary>
        public static Tensor TimesInPlace(this Tensor x, double v) => With(x, v, static (t, s) => t.mul_(s));

        /// <summary>x / v.</summary>
        public static Tensor Over(this Tensor x, double v) => With(x, v, static (t, s) => t.div(s));

        /// <summary>max(x, v).</summary>
        public static Tensor AtLeast(this Tensor x, double v) => With(x, v, static (t, s) => t.clamp_min(s));

        /// <summary>x clamped to [lo, hi], in place.</summary>
        public static Tensor ClampInPlace(this Tensor x, double lo, double hi)
        {
            using var low = lo.ToScalar();
            using var high = hi.ToScalar();
            return x.clamp_(low, high);
        }

        /// <summary>x with v where <paramref name="mask"/> is true, in place.</summary>
        public static Tensor FillWhere(this Tensor x, Tensor mask, double v) => With(x, mask, v, static (t, m, s) => t.masked_fill_(m, s));

        /// <summary>A copy of x with v where <paramref name="mask"/> is true.</summary>
        public static Tensor FilledWhere(this Tensor x, Tensor mask, double v) => With(x, mask, v, static (t, m, s) => t.masked_fill(m, s));

        /// <summary>x − v, in place.</summary>
        public static Tensor MinusInPlace(this Tensor x, double v) => With(x, v, static (t, s) => t.sub_(s));

        /// <summary>x = v, elementwise.</summary>
        public static Tensor EqualTo(this Tensor x, double v) => With(x, v, static (t, s) => t.eq(s));

        /// <summary>x ≥ v, elementwise.</summary>
        public static Tensor AtLeastMask(this Tensor x, double v) => With(x, v, static (t, s) => t.ge(s));
    }
}
