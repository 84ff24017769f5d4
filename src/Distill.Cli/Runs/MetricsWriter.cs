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
    /// value) and <c>epochs.csv|jsonl</c> (train loss, test accuracy, seconds). On start it rewrites
    /// both from the run state, so a resumed run's files match an uninterrupted run's.
    /// </summary>
    public sealed class MetricsWriter(string folder, MetricsFormat format) : ITrainingObserver
    {
        private string Extension => format == MetricsFormat.Csv ? "csv" : "jsonl";
        public string StepsPath => Path.Combine(folder, "steps." + Extension);
        public string EpochsPath => Path.Combine(folder, "epochs." + Extension);

        public void OnStart(TrainingState state, int stepsPerEpoch)
        {
            File.WriteAllText(StepsPath, "");
            File.WriteAllText(EpochsPath, format == MetricsFormat.Csv ? "epoch,train_loss,test_accuracy,seconds\n" : "");
            foreach (var step in state.Steps) OnStep(step);
            foreach (var epoch in state.Epochs) OnEpoch(epoch);
        }

        public void OnStep(StepMetrics step)
        {
            if (format == MetricsFormat.Jsonl)
            {
                var terms = step.Terms.ToDictionary(t => t.Name, t => new { weight = Safe(t.Weight), raw = Safe(t.Raw), weighted = Safe(t.Weighted) });
                File.AppendAllText(StepsPath, JsonSerializer.Serialize(new { step = step.Step, epoch = step.Epoch + 1, lr = step.LearningRate, total = Safe(step.Total), terms }) + "\n");
                return;
            }
            if (new FileInfo(StepsPath).Length == 0)
            {
                var columns = step.Terms.Select(t => t.Name).SelectMany(n => new[] { $"{n}.weight", $"{n}.raw", $"{n}.weighted" });
                File.AppendAllText(StepsPath, string.Join(",", new[] { "step", "epoch", "lr", "total" }.Concat(columns.Select(Quote))) + "\n");
            }
            var values = new List<double> { step.Step, step.Epoch + 1, step.LearningRate, step.Total };
            foreach (var t in step.Terms) values.AddRange([t.Weight, t.Raw, t.Weighted]);
            File.AppendAllText(StepsPath, string.Join(",", values.Select(Format)) + "\n");
        }

        public void OnEpoch(EpochMetrics epoch)
        {
            string line = format == MetricsFormat.Csv
                ? string.Join(",", new double[] { epoch.Epoch, epoch.TrainLoss, epoch.TestAccuracy, epoch.Seconds }.Select(Format))
                : JsonSerializer.Serialize(new { epoch = epoch.Epoch, train_loss = epoch.TrainLoss, test_accuracy = epoch.TestAccuracy, seconds = epoch.Seconds });
            File.AppendAllText(EpochsPath, line + "\n");
        }

        public void OnCheckpoint(string path) { }

        private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        private static double? Safe(double v) => double.IsFinite(v) ? v : null;

        private static string Quote(string name) => name.Contains(',') || name.Contains('"') ? "\"" + name.Replace("\"", "\"\"") + "\"" : name;
    }
}
