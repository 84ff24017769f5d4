using System.Collections.Generic;
using System.IO;
using System.Linq;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using ScottPlot;

namespace Distill.Cli.Runs
{
    /// <summary>PNG plots of a run (headless ScottPlot): every term's raw and weighted value and the total per step, and accuracy and loss per epoch.</summary>
    public static class Plots
    {
        public static IReadOnlyList<string> Write(string folder, string title, TrainingState state)
        {
            var written = new List<string>();
            Directory.CreateDirectory(folder);
            if (state.Steps.Count == 0) return written;
            double[] steps = state.Steps.Select(s => (double)s.Step).ToArray();
            var names = state.Steps[0].Terms.Select(t => t.Name).ToList();
            for (int i = 0; i < names.Count; i++)
            {
                var plot = new Plot();
                Line(plot, steps, state.Steps.Select(s => s.Terms[i].Raw), "raw");
                Line(plot, steps, state.Steps.Select(s => s.Terms[i].Weighted), "weighted");
                written.Add(Save(plot, folder, $"term-{i + 1}-{FileName(names[i])}.png", $"{title}: {names[i]}", "step", "loss"));
            }
            var total = new Plot();
            Line(total, steps, state.Steps.Select(s => s.Total), "total");
            written.Add(Save(total, folder, "total.png", $"{title}: total loss", "step", "loss"));
            if (state.Epochs.Count > 0)
            {
                double[] epochs = state.Epochs.Select(e => (double)e.Epoch).ToArray();
                var accuracy = new Plot();
                Line(accuracy, epochs, state.Epochs.Select(e => e.TestAccuracy), "test accuracy");
                written.Add(Save(accuracy, folder, "accuracy.png", $"{title}: test accuracy", "epoch", "accuracy"));
            }
            return written;
        }

        private static void Line(Plot plot, double[] xs, IEnumerable<double> ys, string label)
        {
            var scatter = plot.Add.Scatter(xs, ys.Select(y => double.IsFinite(y) ? y : double.NaN).ToArray());
            scatter.LegendText = label;
            scatter.MarkerSize = xs.Length > 50 ? 0 : 5;
        }

        private static string Save(Plot plot, string folder, string file, string title, string x, string y)
        {
            plot.Title(title);
            plot.XLabel(x);
            plot.YLabel(y);
            plot.ShowLegend();
            string path = Path.Combine(folder, file);
            plot.SavePng(path, 900, 500);
            return path;
        }

        private static string FileName(string term) =>
            new string(term.Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_').ToArray()).Trim('_');
    }

    /// <summary>Rewrites a run's plots after every epoch, so they are there to look at while it trains and after an interruption.</summary>
    public sealed class PlotWriter(string folder, string title) : ITrainingObserver
    {
        private TrainingState? _state;

        public void OnStart(TrainingState state, int stepsPerEpoch) => _state = state;
        public void OnStep(StepMetrics step) { }
        public void OnEpoch(EpochMetrics epoch) { if (_state is not null) Plots.Write(folder, title, _state); }
        public void OnCheckpoint(string path) { }
    }
}
