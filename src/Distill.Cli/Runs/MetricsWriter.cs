using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Cli.Runs
{
    /// <summary>
    /// Writes <c>steps.csv|jsonl</c> (step, epoch, lr, total, each term's weight, raw and weighted
    /// value, and its gradient share on the steps that measure it, else NaN) and <c>epochs.csv|jsonl</c> (train
    /// loss and accuracy, test loss and accuracy, the epoch's seconds and the run's elapsed seconds, and every
    /// term's mean raw and weighted value and gradient share over the epoch's steps that have them, NaN if none). On start it rewrites
    /// both from the run state, so a resumed run's files match an uninterrupted run's.
    /// </summary>
    public sealed class MetricsWriter(string folder, MetricsFormat format) : ITrainingObserver
    {
        private string Extension => format == MetricsFormat.Csv ? "csv" : "jsonl";
        public string StepsPath => Path.Combine(folder, "steps." + Extension);
        public string EpochsPath => Path.Combine(folder, "epochs." + Extension);

        private static readonly string[] EpochColumns = ["epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "seconds", "elapsed_seconds"];

        private readonly List<StepMetrics> _epochSteps = [];
        private double _lastElapsed;

        public void OnStart(TrainingState state, int stepsPerEpoch)
        {
            File.WriteAllText(StepsPath, "");
            File.WriteAllText(EpochsPath, "");
            _epochSteps.Clear();
            _lastElapsed = 0;
            int next = 0;
            foreach (var step in state.Steps)
            {
                OnStep(step);
                if (next < state.Epochs.Count && step.Epoch + 1 == state.Epochs[next].Epoch && step.Step == (long)stepsPerEpoch * state.Epochs[next].Epoch)
                    OnEpoch(state.Epochs[next++]);
            }
        }

        public void OnStep(StepMetrics step)
        {
            _epochSteps.Add(step);
            if (format == MetricsFormat.Jsonl)
            {
                var terms = step.Terms.ToDictionary(t => t.Name, t => new { weight = Safe(t.Weight), raw = Safe(t.Raw), weighted = Safe(t.Weighted), grad_share = Safe(t.GradShare) });
                File.AppendAllText(StepsPath, JsonSerializer.Serialize(new { step = step.Step, epoch = step.Epoch + 1, lr = step.LearningRate, total = Safe(step.Total), terms }) + "\n");
                return;
            }
            if (new FileInfo(StepsPath).Length == 0)
            {
                var columns = step.Terms.Select(t => t.Name).SelectMany(n => new[] { $"{n}.weight", $"{n}.raw", $"{n}.weighted", $"{n}.grad_share" });
                File.AppendAllText(StepsPath, string.Join(",", new[] { "step", "epoch", "lr", "total" }.Concat(columns.Select(Quote))) + "\n");
            }
            var values = new List<double> { step.Step, step.Epoch + 1, step.LearningRate, step.Total };
            foreach (var t in step.Terms) values.AddRange([t.Weight, t.Raw, t.Weighted, t.GradShare]);
            File.AppendAllText(StepsPath, string.Join(",", values.Select(Format)) + "\n");
        }

        public void OnEpoch(EpochMetrics epoch)
        {
            double[] values = [epoch.Epoch, epoch.TrainLoss, epoch.TrainAccuracy, epoch.TestLoss, epoch.TestAccuracy, epoch.Seconds - _lastElapsed, epoch.Seconds];
            var names = _epochSteps.Count == 0 ? [] : _epochSteps[0].Terms.Select(t => t.Name).ToList();
            var means = names.Select((_, i) => (Raw: Mean(i, t => t.Raw), Weighted: Mean(i, t => t.Weighted), Share: Mean(i, t => t.GradShare))).ToList();
            if (format == MetricsFormat.Csv)
            {
                if (new FileInfo(EpochsPath).Length == 0)
                    File.AppendAllText(EpochsPath, string.Join(",", EpochColumns.Concat(names.SelectMany(n => new[] { $"{n}.raw", $"{n}.weighted", $"{n}.grad_share" }).Select(Quote))) + "\n");
                File.AppendAllText(EpochsPath, string.Join(",", values.Concat(means.SelectMany(m => new[] { m.Raw, m.Weighted, m.Share })).Select(Format)) + "\n");
            }
            else
            {
                var row = EpochColumns.Zip(values).ToDictionary(c => c.First, c => (object?)Safe(c.Second));
                row["terms"] = names.Zip(means).ToDictionary(t => t.First, t => new { raw = Safe(t.Second.Raw), weighted = Safe(t.Second.Weighted), grad_share = Safe(t.Second.Share) });
                File.AppendAllText(EpochsPath, JsonSerializer.Serialize(row) + "\n");
            }
            _epochSteps.Clear();
            _lastElapsed = epoch.Seconds;
        }

        /// <summary>The mean of a term's value over the epoch's steps that have it (NaN when none: skipped throughout, or a gradient share never measured).</summary>
        private double Mean(int term, Func<TermMetric, double> value)
        {
            var ran = _epochSteps.Select(s => s.Terms[term]).Where(t => !double.IsNaN(t.Raw)).Select(value).Where(v => !double.IsNaN(v)).ToList();
            return ran.Count == 0 ? double.NaN : ran.Average();
        }

        public void OnCheckpoint(string path) { }

        private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        private static double? Safe(double v) => double.IsFinite(v) ? v : null;

        private static string Quote(string name) => name.Contains(',') || name.Contains('"') ? "\"" + name.Replace("\"", "\"\"") + "\"" : name;
    }
}
