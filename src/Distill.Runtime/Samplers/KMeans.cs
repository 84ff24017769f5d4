using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Samplers
{
    /// <summary>Seeded k-means (k-means++ start, Lloyd iterations) for grouping teacher embeddings into superclasses.</summary>
    public static class KMeans
    {
        /// <summary>The cluster (0 … <paramref name="k"/> − 1) of each row of <paramref name="points"/> (N×D).</summary>
        public static int[] Cluster(Tensor points, int k, int seed, int maxIterations = 100)
        {
            if (points.dim() != 2) throw new ArgumentException($"expected N×D points, got shape [{string.Join(", ", points.shape)}]", nameof(points));
            using var flat = points.detach().to_type(ScalarType.Float64).cpu().contiguous();
            return Cluster(flat.data<double>().ToArray(), (int)points.shape[0], (int)points.shape[1], k, seed, maxIterations);
        }

        /// <summary>The cluster of each of the <paramref name="n"/> row-major <paramref name="dim"/>-vectors in <paramref name="points"/>.</summary>
        public static int[] Cluster(double[] points, int n, int dim, int k, int seed, int maxIterations = 100)
        {
            if (points.Length != n * dim) throw new ArgumentException($"expected {n}×{dim} = {n * dim} values, got {points.Length}", nameof(points));
            if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), $"must be in [1, {n}] (the number of points)");
            var centers = PlusPlus(points, n, dim, k, new Random(seed));
            var assignment = new int[n];
            for (int iteration = 0; iteration < maxIterations; iteration++)
            {
                bool changed = false;
                for (int i = 0; i < n; i++)
                {
                    int best = Nearest(points, i, centers, centers.Length, dim, out _);
                    changed |= iteration == 0 || best != assignment[i];
                    assignment[i] = best;
                }
                if (!changed) break;
                Recenter(points, dim, assignment, centers);
            }
            return assignment;
        }

        private static double[][] PlusPlus(double[] points, int n, int dim, int k, Random random)
        {
            var centers = new double[k][];
            centers[0] = Row(points, random.Next(n), dim);
            var d2 = new double[n];
            for (int c = 1; c < k; c++)
            {
                for (int i = 0; i < n; i++) Nearest(points, i, centers, c, dim, out d2[i]);
                double total = d2.Sum();
                centers[c] = Row(points, total > 0 ? Proportional(d2, random.NextDouble() * total) : random.Next(n), dim);
            }
            return centers;
        }

        private static int Proportional(double[] weights, double target)
        {
            for (int i = 0; i < weights.Length; i++)
            {
                target -= weights[i];
                if (target < 0) return i;
            }
            return weights.Length - 1;
        }

        private static void Recenter(double[] points, int dim, int[] assignment, double[][] centers)
        {
            for (int c = 0; c < centers.Length; c++)
            {
                var members = Enumerable.Range(0, assignment.Length).Where(i => assignment[i] == c).ToArray();
                if (members.Length == 0) continue;
                for (int d = 0; d < dim; d++) centers[c][d] = members.Average(i => points[i * dim + d]);
            }
        }

        private static int Nearest(double[] points, int i, double[][] centers, int count, int dim, out double distance)
        {
            int best = 0;
            distance = double.PositiveInfinity;
            for (int c = 0; c < count; c++)
            {
                double s = 0;
                for (int d = 0; d < dim; d++) { double x = points[i * dim + d] - centers[c][d]; s += x * x; }
                if (s < distance) { distance = s; best = c; }
            }
            return best;
        }

        private static double[] Row(double[] points, int i, int dim) => points.AsSpan(i * dim, dim).ToArray();
    }
}
