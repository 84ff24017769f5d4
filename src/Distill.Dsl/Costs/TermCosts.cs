using System;
using System.Collections.Generic;
using System.Globalization;

namespace Distill.Dsl.Costs
{
    /// <summary>
    /// The cost model of the built-in terms, counted from their math (docs/costs.md derives each
    /// line): forward operations and peak temporaries as functions of N, D and C, and one
    /// machine constant, <see cref="SecondsPerFlop"/>, fitted to <c>distill bench</c> (forward plus
    /// backward) on the calibration machine. User terms have no model (null).
    /// </summary>
    public static class TermCosts
    {
        /// <summary>
        /// Seconds per counted forward operation for forward plus backward: Σ measured ÷ Σ counted over
        /// the built-in terms at N = 256, D = 128, C = 100 in the calibration run of docs/costs.md
        /// (scripts/calibrate-costs.sh, on a heavily loaded 2-core machine, so it overstates times).
        /// </summary>
        public const double SecondsPerFlop = 1.47e-9;

        private sealed record Model(string Time, string Memory, Func<double, double, double, double> Flops, Func<double, double, double, double> Elements);

        private static readonly Dictionary<string, Model> Models = new Dictionary<string, Model>(StringComparer.Ordinal)
        {
            // log-softmax and the pick of each row's label.
            ["ce"] = new Model("O(N·C)", "O(N·C)", (n, d, c) => 5 * n * c, (n, d, c) => 2 * n * c),
            // two softmaxes, a log-softmax and the KL sum.
            ["kd"] = new Model("O(N·C)", "O(N·C)", (n, d, c) => 12 * n * c, (n, d, c) => 4 * n * c),
            // two N×N Gram matrices (2·N²·D each), row normalisation and the squared difference.
            ["sp"] = new Model("O(N²·D)", "O(N²)", (n, d, c) => 4 * n * n * d + 8 * n * n, (n, d, c) => 4 * n * n),
            // two pairwise-distance matrices via Gram matrices, mean normalisation, smooth L1.
            ["rkd.distance"] = new Model("O(N²·D)", "O(N²)", (n, d, c) => 4 * n * n * d + 12 * n * n, (n, d, c) => 5 * n * n),
            // pairwise distances, then about 30 operations for each of the N³ triplets (cosines from
            // distances, smooth L1, gradient); the fused CPU loop keeps O(N²) temporaries.
            ["rkd.angle"] = new Model("O(N²·D + N³)", "O(N²)", (n, d, c) => 4 * n * n * d + 30 * n * n * n, (n, d, c) => 6 * n * n),
            // two Gram matrices of normalised features and the Taylor series of the RBF kernel.
            ["cc"] = new Model("O(N²·D)", "O(N²)", (n, d, c) => 4 * n * n * d + 10 * n * n, (n, d, c) => 5 * n * n),
            // feature affinity (2·N²·D), the dense solve (I − ωA)·Q = P (⅔·N³ + 2·N²·C) and the KL.
            ["bake"] = new Model("O(N³ + N²·(C + D))", "O(N² + N·C)", (n, d, c) => 2 * n * n * d + 2.0 / 3 * n * n * n + 2 * n * n * c + 12 * n * c, (n, d, c) => 3 * n * n + 4 * n * c),
            // variance-weighted squared difference with a learned log-variance.
            ["pad"] = new Model("O(N·D)", "O(N·D)", (n, d, c) => 10 * n * d, (n, d, c) => 4 * n * d),
            // similarities to the queue (K = 65536 by default) for student and teacher: 4·N·K·D.
            ["seed"] = new Model("O(N·K·D)", "O(N·K)", (n, d, c) => 4 * n * 65536 * d + 10 * n * 65536, (n, d, c) => 3 * n * 65536),
            // 4N rotated rows: KL over 4N×C logits and 4N×4N cosine similarities of the projections.
            ["sskd"] = new Model("O(N²·D + N·C)", "O(N² + N·C)", (n, d, c) => 2 * 16 * n * n * d + 24 * 4 * n * c + 20 * 16 * n * n, (n, d, c) => 4 * 16 * n * n + 8 * n * c),
        };

        /// <summary>The estimate for a built-in term at <paramref name="size"/>, or null for a term without a model.</summary>
        public static CostEstimate? Estimate(string term, CostSize size)
        {
            if (term is null || size is null || !Models.TryGetValue(term, out var model)) return null;
            double flops = model.Flops(size.Batch, size.Dim, size.Classes);
            return new CostEstimate(model.Time, model.Memory, flops, model.Elements(size.Batch, size.Dim, size.Classes), flops * SecondsPerFlop);
        }

        /// <summary>"time O(N³) ≈ 0.52 GFLOP ≈ 12 ms, memory O(N²) ≈ 1.5 MiB (float32)".</summary>
        public static string Describe(CostEstimate cost) =>
            $"time {cost.TimeOrder} ≈ {Flops(cost.Flops)} ≈ {Time(cost.Seconds)}, memory {cost.MemoryOrder} ≈ {Bytes(cost.PeakBytes)} (float32)";

        private static string Flops(double flops) =>
            flops >= 1e9 ? F(flops / 1e9) + " GFLOP" : flops >= 1e6 ? F(flops / 1e6) + " MFLOP" : F(flops / 1e3) + " kFLOP";

        private static string Time(double seconds) =>
            seconds >= 1 ? F(seconds) + " s" : seconds >= 1e-3 ? F(seconds * 1e3) + " ms" : F(seconds * 1e6) + " µs";

        private static string Bytes(double bytes) =>
            bytes >= 1 << 30 ? F(bytes / (1 << 30)) + " GiB" : bytes >= 1 << 20 ? F(bytes / (1 << 20)) + " MiB" : F(bytes / 1024) + " KiB";

        private static string F(double value) => value.ToString(value >= 100 ? "0" : value >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
    }
}
