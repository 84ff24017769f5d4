using System;
using System.Collections.Generic;
using System.Linq;

namespace Distill.Cli.Demo
{
    /// <summary>One trained (or loaded) model as the demo measured it on its evaluation split: accuracy and mean cross-entropy of the same images.</summary>
    public sealed record ModelResult(string Model, int Seed, long Parameters, double Accuracy, double CrossEntropy, double Seconds);

    /// <summary>Mean and sample standard deviation (n − 1; 0 for a single value) of some numbers.</summary>
    public sealed record Stat(double Mean, double Sd, int Count)
    {
        public static Stat Of(IEnumerable<double> values)
        {
            var v = values.ToArray();
            if (v.Length == 0) throw new ArgumentException("no values to summarise.", nameof(values));
            double mean = v.Average();
            double sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
            return new Stat(mean, sd, v.Length);
        }
    }

    /// <summary>
    /// A distilled student against the CE-only student of the same seeds: the per-seed accuracy
    /// differences (<see cref="Gain"/>, as fractions), on how many seeds it was better, and the share
    /// of the teacher–student gap (teacher accuracy − mean CE accuracy) its mean gain closes.
    /// </summary>
    public sealed record Comparison(string Model, Stat Accuracy, Stat CrossEntropy, Stat Seconds, Stat Gain, int Wins, double GapShare);

    /// <summary>
    /// Everything the demo's tables print, computed from the runs alone: the teacher, the CE-only
    /// student and each distilled student over the same seeds.
    /// </summary>
    public sealed class DemoSummary
    {
        private DemoSummary(ModelResult teacher, IReadOnlyList<ModelResult> baseline, IReadOnlyList<(Comparison, IReadOnlyList<ModelResult>)> distilled)
        {
            Teacher = teacher;
            Baseline = baseline;
            BaselineAccuracy = Stat.Of(baseline.Select(r => r.Accuracy));
            Gap = teacher.Accuracy - BaselineAccuracy.Mean;
            Distilled = distilled;
        }

        public ModelResult Teacher { get; }
        public IReadOnlyList<ModelResult> Baseline { get; }
        public Stat BaselineAccuracy { get; }

        /// <summary>Teacher accuracy minus the CE-only student's mean accuracy (a fraction).</summary>
        public double Gap { get; }

        public IReadOnlyList<(Comparison Comparison, IReadOnlyList<ModelResult> Runs)> Distilled { get; }

        /// <summary>The seeds, in the order the CE-only runs came.</summary>
        public IEnumerable<int> Seeds => Baseline.Select(r => r.Seed);

        /// <summary>
        /// Summarises <paramref name="baseline"/> (one CE-only run per seed) and each entry of
        /// <paramref name="distilled"/> (one run per seed, the same seeds); throws when a seed is missing or doubled.
        /// </summary>
        public static DemoSummary Of(ModelResult teacher, IReadOnlyList<ModelResult> baseline, IEnumerable<IReadOnlyList<ModelResult>> distilled)
        {
            if (baseline.Count == 0) throw new ArgumentException("no CE-only runs.", nameof(baseline));
            var bySeed = baseline.ToDictionary(r => r.Seed, r => r.Accuracy);
            if (bySeed.Count != baseline.Count) throw new ArgumentException("two CE-only runs with the same seed.", nameof(baseline));
            var baselineMean = baseline.Average(r => r.Accuracy);
            var compared = new List<(Comparison, IReadOnlyList<ModelResult>)>();
            foreach (var runs in distilled)
            {
                if (runs.Count == 0) throw new ArgumentException("a distilled model without runs.", nameof(distilled));
                string model = runs[0].Model;
                if (runs.Count != bySeed.Count || runs.Any(r => !bySeed.ContainsKey(r.Seed)) || runs.Select(r => r.Seed).Distinct().Count() != runs.Count)
                    throw new ArgumentException($"{model}: its seeds ({string.Join(", ", runs.Select(r => r.Seed))}) are not the CE-only runs' ({string.Join(", ", bySeed.Keys)}).", nameof(distilled));
                var gains = runs.Select(r => r.Accuracy - bySeed[r.Seed]).ToArray();
                double gap = teacher.Accuracy - baselineMean;
                var gain = Stat.Of(gains);
                compared.Add((new Comparison(model, Stat.Of(runs.Select(r => r.Accuracy)), Stat.Of(runs.Select(r => r.CrossEntropy)), Stat.Of(runs.Select(r => r.Seconds)),
                                             gain, gains.Count(g => g > 0), gap > 0 ? gain.Mean / gap : double.NaN), runs));
            }
            return new DemoSummary(teacher, baseline, compared);
        }
    }
}
