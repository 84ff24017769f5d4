using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using ScottPlot;

namespace Distill.Cli.Runs
{
    /// <summary>A horizontal reference line on the accuracy figure: the teacher's test accuracy, or the CE-only student's.</summary>
    public sealed record Reference(string Label, double Accuracy);

    /// <summary>
    /// PNG figures of a run (headless ScottPlot), epochs on every x axis: <c>terms.png</c>, one small panel per
    /// term with its raw value per step (faint) and smoothed (a moving average over a tenth of an epoch or more),
    /// on a log axis when the values span more than two decades, and its weight schedule on the right axis;
    /// <c>total.png</c>, the total loss the same way; <c>accuracy.png</c>, test and train accuracy per epoch with
    /// markers, and the teacher and CE-only student as dashed reference lines when known.
    /// </summary>
    public static class Plots
    {
        public static IReadOnlyList<string> Write(string folder, string title, TrainingState state, int stepsPerEpoch, IReadOnlyList<Reference> references)
        {
            var written = new List<string>();
            if (state.Steps.Count == 0) return written;
            Directory.CreateDirectory(folder);
            double perEpoch = Math.Max(1, stepsPerEpoch);
            double[] x = state.Steps.Select(s => s.Step / perEpoch).ToArray();
            int window = Math.Max(1, stepsPerEpoch / 10);
            var names = state.Steps[0].Terms.Select(t => t.Name).ToList();

            var terms = new Multiplot();
            terms.AddPlots(names.Count);
            int columns = Math.Min(3, names.Count), rows = (names.Count + columns - 1) / columns;
            terms.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
            for (int i = 0; i < names.Count; i++)
            {
                var plot = terms.GetPlot(i);
                int term = i;
                var raw = state.Steps.Select(s => s.Terms[term].Raw).ToArray();
                Curve(plot, x, raw, window);
                var weight = plot.Add.ScatterLine(x, state.Steps.Select(s => s.Terms[term].Weight).ToArray());
                weight.Axes.YAxis = plot.Axes.Right;
                weight.LineWidth = 1.5f;
                weight.LinePattern = LinePattern.Dashed;
                weight.Color = Colors.Gray;
                var weights = state.Steps.Select(s => s.Terms[term].Weight).Where(double.IsFinite).ToList();
                double top = weights.Count == 0 ? 1 : Math.Max(weights.Max(), 0);
                plot.Axes.SetLimitsY(Math.Min(0, weights.DefaultIfEmpty(0).Min()), top == 0 ? 1 : top * 1.15, plot.Axes.Right);
                plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Human.Number };
                plot.Axes.Right.Label.Text = "weight";
                plot.Axes.Right.Label.ForeColor = Colors.Gray;
                plot.Title(names[i], size: 13);
                plot.XLabel("epoch", size: 11);
                plot.YLabel("raw value", size: 11);
            }
            written.Add(Path.Combine(folder, "terms.png"));
            terms.SavePng(written[^1], 420 * columns, 300 * rows);

            var total = new Plot();
            Curve(total, x, state.Steps.Select(s => s.Total).ToArray(), window);
            written.Add(Save(total, folder, "total.png", $"{title}: total loss", "epoch", "loss", 700, 400));

            if (state.Epochs.Count > 0)
            {
                var accuracy = new Plot();
                double[] epochs = state.Epochs.Select(e => (double)e.Epoch).ToArray();
                Points(accuracy, epochs, state.Epochs.Select(e => e.TestAccuracy), "test", Colors.Blue);
                Points(accuracy, epochs, state.Epochs.Select(e => e.TrainAccuracy), "train", Colors.Orange);
                var palette = new[] { Colors.Green, Colors.Purple, Colors.Brown };
                for (int i = 0; i < references.Count; i++)
                {
                    var line = accuracy.Add.HorizontalLine(references[i].Accuracy * 100, 1.5f, palette[i % palette.Length], LinePattern.Dashed);
                    line.LegendText = $"{references[i].Label} {Human.Percent(references[i].Accuracy)}";
                }
                var all = state.Epochs.SelectMany(e => new[] { e.TestAccuracy, e.TrainAccuracy }).Concat(references.Select(r => r.Accuracy)).Where(double.IsFinite).Select(v => v * 100).ToList();
                accuracy.Axes.SetLimitsY(Math.Max(0, all.Min() - 5), Math.Min(100, all.Max() + 5));
                accuracy.Axes.SetLimitsX(0.5, Math.Max(epochs[^1], 1) + 0.5);
                accuracy.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
                accuracy.ShowLegend(Alignment.LowerRight);
                written.Add(Save(accuracy, folder, "accuracy.png", $"{title}: accuracy", "epoch", "accuracy (%)", 700, 400));
            }
            return written;
        }

        /// <summary>Per-step values, faint, and their moving average, bold; log axis when positive values span more than two decades.</summary>
        private static void Curve(Plot plot, double[] x, double[] values, int window)
        {
            var finite = values.Where(v => double.IsFinite(v) && v > 0).ToList();
            bool log = finite.Count == values.Count(double.IsFinite) && finite.Count > 1 && finite.Max() / finite.Min() > 100;
            Func<double, double> y = log ? v => Math.Log10(v) : v => v;
            var shown = values.Select(v => double.IsFinite(v) && (!log || v > 0) ? y(v) : double.NaN).ToArray();
            var faint = plot.Add.ScatterLine(x, shown);
            faint.Color = Colors.Blue.WithAlpha(0.25);
            faint.LineWidth = 1;
            var smooth = plot.Add.ScatterLine(x, Smooth(shown, window));
            smooth.Color = Colors.Blue;
            smooth.LineWidth = 2;
            if (log)
                plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
                {
                    MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                    IntegerTicksOnly = true,
                    LabelFormatter = v => Human.Number(Math.Pow(10, v)),
                };
            else
                plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Human.Number };
            plot.Axes.SetLimitsX(0, x[^1]);
        }

        /// <summary>The trailing moving average over <paramref name="window"/> values, skipping NaN (skipped steps).</summary>
        public static double[] Smooth(double[] values, int window)
        {
            var result = new double[values.Length];
            double sum = 0;
            int count = 0;
            for (int i = 0; i < values.Length; i++)
            {
                if (!double.IsNaN(values[i])) { sum += values[i]; count++; }
                if (i >= window && !double.IsNaN(values[i - window])) { sum -= values[i - window]; count--; }
                result[i] = count == 0 ? double.NaN : sum / count;
            }
            return result;
        }

        private static void Points(Plot plot, double[] x, IEnumerable<double> fractions, string label, Color color)
        {
            var ys = fractions.Select(v => double.IsFinite(v) ? v * 100 : double.NaN).ToArray();
            if (ys.All(double.IsNaN)) return;
            var scatter = plot.Add.Scatter(x, ys);
            scatter.LegendText = label;
            scatter.Color = color;
            scatter.MarkerSize = 7;
            scatter.LineWidth = 2;
        }

        private static string Save(Plot plot, string folder, string file, string title, string x, string y, int width, int height)
        {
            plot.Title(title);
            plot.XLabel(x);
            plot.YLabel(y);
            string path = Path.Combine(folder, file);
            plot.SavePng(path, width, height);
            return path;
        }
    }

    /// <summary>Rewrites a run's figures after every epoch, so they are there to look at while it trains and after an interruption; <see cref="Write"/> once more at the end.</summary>
    public sealed class PlotWriter(string folder, string title, IReadOnlyList<Reference> references) : ITrainingObserver
    {
        private TrainingState? _state;
        private int _stepsPerEpoch;

        public void OnStart(TrainingState state, int stepsPerEpoch) => (_state, _stepsPerEpoch) = (state, stepsPerEpoch);
        public void OnStep(StepMetrics step) { }
        public void OnEpoch(EpochMetrics epoch) => Write();
        public void OnCheckpoint(string path) { }

        public void Write()
        {
            if (_state is not null) Plots.Write(folder, title, _state, _stepsPerEpoch, references);
        }
    }
}
