using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace Distill.Testing
{
    /// <summary>
    /// FsCheck generators for term inputs: matrices, logits (including ±1e4 extremes), labels,
    /// orthogonal matrices, permutations, and whole named batches with degenerate variants
    /// (duplicate rows, zero rows, one class, N = 1). Turn one into an <c>Arbitrary</c> with
    /// <c>.ToArbitrary()</c>.
    /// </summary>
    public static partial class Gens
    {
        private const int Resolution = 1_000_000;

        /// <summary>A number uniform in [−<paramref name="scale"/>, <paramref name="scale"/>] (on a grid of scale·1e-6).</summary>
        public static Gen<double> Number(double scale) =>
            Gen.Choose(-Resolution, Resolution).Select(k => scale * k / Resolution);

        /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>], uniform on a log scale; both must be &gt; 0.</summary>
        public static Gen<double> Positive(double min, double max) =>
            Gen.Choose(0, Resolution).Select(k => Math.Exp(Math.Log(min) + (Math.Log(max) - Math.Log(min)) * k / Resolution));

        /// <summary>A <paramref name="rows"/>×<paramref name="columns"/> matrix with entries uniform in ±<paramref name="scale"/>.</summary>
        public static Gen<double[,]> Matrix(int rows, int columns, double scale = 3) =>
            Gen.ArrayOf(Number(scale), rows * columns).Select(flat => Reshape(flat, rows, columns));

        /// <summary>A vector of <paramref name="length"/> entries uniform in ±<paramref name="scale"/>.</summary>
        public static Gen<double[]> Vector(int length, double scale = 3) => Gen.ArrayOf(Number(scale), length);

        /// <summary>
        /// Logits: usually entries in ±5; one batch in five instead mixes in ±1e4 entries, where a
        /// softmax computed without subtracting the maximum overflows.
        /// </summary>
        public static Gen<double[,]> Logits(int rows, int classes) =>
            Gen.Frequency(
                (4, Matrix(rows, classes, 5)),
                (1, Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(1e4)), (1, Gen.Constant(-1e4)), (2, Number(5))), rows * classes)
                       .Select(flat => Reshape(flat, rows, classes))));

        /// <summary><paramref name="rows"/> class indices in [0, <paramref name="classes"/>).</summary>
        public static Gen<long[]> Labels(int rows, int classes) =>
            Gen.ArrayOf(Gen.Choose(0, classes - 1).Select(c => (long)c), rows);

        /// <summary>A permutation of 0 … <paramref name="n"/> − 1.</summary>
        public static Gen<int[]> Permutation(int n) => Gen.Shuffle(Enumerable.Range(0, n)).Select(p => p.ToArray());

        /// <summary>
        /// A Haar-random orthogonal <paramref name="dim"/>×<paramref name="dim"/> matrix (Gram–Schmidt
        /// of a Gaussian matrix): rotations and reflections alike.
        /// </summary>
        public static Gen<double[,]> Orthogonal(int dim) =>
            Gen.Choose(int.MinValue, int.MaxValue).Select(seed => Orthonormalize(GaussianMatrix(dim, new Random(seed))));

        private static double[,] Reshape(double[] flat, int rows, int columns)
        {
            var m = new double[rows, columns];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) m[i, j] = flat[i * columns + j];
            return m;
        }

        private static double[,] GaussianMatrix(int dim, Random random) =>
            MatrixMath.Select(new double[dim, dim], (_, _, _) =>
                Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

        private static double[,] Orthonormalize(double[,] a)
        {
            int n = a.GetLength(0);
            var q = (double[,])a.Clone();
            for (int j = 0; j < n; j++)
            {
                for (int pass = 0; pass < 2; pass++)
                    for (int k = 0; k < j; k++)
                    {
                        double dot = 0;
                        for (int i = 0; i < n; i++) dot += q[i, k] * q[i, j];
                        for (int i = 0; i < n; i++) q[i, j] -= dot * q[i, k];
                    }
                double norm = Math.Sqrt(Enumerable.Range(0, n).Sum(i => q[i, j] * q[i, j]));
                for (int i = 0; i < n; i++) q[i, j] /= norm;
            }
            return q;
        }
    }
}
