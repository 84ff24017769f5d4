using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Training;
using Spectre.Console;

namespace Distill.Cli.Runs
{
    /// <summary>
    /// Warns, once per term and run, when a term with a non-zero weight did nothing for a whole epoch: its raw
    /// value never changed (a constant adds no gradient), or every gradient-share measurement of the epoch was
    /// under 1 % (<see cref="TermMetric.GradShare"/>), naming the term and its weight.
    /// </summary>
    public sealed class TermWatch(IAnsiConsole console) : ITrainingObserver
    {
        public const double Floor = 0.01;

        private readonly List<StepMetrics> _epoch = [];
        private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

        /// <summary>The warnings given so far, as printed.</summary>
        public List<string> Warnings { get; } = [];

        public void OnStart(TrainingState state, int stepsPerEpoch) => _epoch.Clear();
        public void OnStep(StepMetrics step) => _epoch.Add(step);
        public void OnCheckpoint(string path) { }

        public void OnEpoch(EpochMetrics epoch)
        {
            if (_epoch.Count == 0) return;
            for (int i = 0; i < _epoch[0].Terms.Count; i++)
            {
                var values = _epoch.Select(s => s.Terms[i]).ToList();
                string name = values[0].Name;
                if (_warned.Contains(name) || values.Any(t => t.Weight == 0 || double.IsNaN(t.Raw))) continue;
                string weight = Weight(values);
                var shares = values.Select(t => t.GradShare).Where(double.IsFinite).ToList();
                string? problem = values.All(t => t.Raw == values[0].Raw) && values.Count > 1
                    ? $"its value stayed {Human.Number(values[0].Raw)} for all of epoch {epoch.Epoch}: a constant adds no gradient"
                    : shares.Count > 0 && shares.All(s => s < Floor)
                        ? $"it gave under 1 % of the gradient on the student for all of epoch {epoch.Epoch} ({string.Join(", ", shares.Select(Human.Percent))})"
                        : null;
                if (problem is null) continue;
                _warned.Add(name);
                string line = $"warning: term '{name}' (weight {weight}) is doing nothing: {problem}; check its inputs and weight, or drop it.";
                Warnings.Add(line);
                console.WriteLine(line);
            }
            _epoch.Clear();
        }

        private static string Weight(List<TermMetric> values)
        {
            double low = values.Min(t => t.Weight), high = values.Max(t => t.Weight);
            return low == high ? Human.Number(low) : $"{Human.Number(low)} to {Human.Number(high)}";
        }
    }
}
