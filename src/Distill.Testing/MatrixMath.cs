using System;
using System.Linq;

namespace Distill.Testing
{
    /// <summary>Small dense-matrix helpers on double[,] for transforms and comparisons.</summary>
    internal static class MatrixMath
    {
        public static double[,] Multiply(double[,] a, double[,] b)
        {
            int n = a.GetLength(0), k = a.GetLength(1), m = b.GetLength(1);
            if (b.GetLength(0) != k) throw new ArgumentException($"cannot multiply {n}×{k} by {b.GetLength(0)}×{m}");
            var c = new double[n, m];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < m; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += a[i, p] * b[p, j];
                    c[i, j] = s;
                }
            return c;
        }

        public static double[,] Select(double[,] a, Func<int, int, double, double> f)
        {
            var c = new double[a.GetLength(0), a.GetLength(1)];
            for (int i = 0; i < a.GetLength(0); i++)
                for (int j = 0; j < a.GetLength(1); j++) c[i, j] = f(i, j, a[i, j]);
            return c;
        }

        public static double[,] PermuteRows(double[,] a, int[] permutation) =>
            Select(a, (i, j, _) => a[permutation[i], j]);

        public static bool IsPermutation(int[] p, int n) =>
            p.Length == n && p.OrderBy(x => x).SequenceEqual(Enumerable.Range(0, n));

        public static bool Close(double a, double b, double rtol, double atol) =>
            a == b || Math.Abs(a - b) <= atol + rtol * Math.Max(Math.Abs(a), Math.Abs(b));

        public static bool AllFinite(double[,] a) => a.Cast<double>().All(double.IsFinite);
    }
}
