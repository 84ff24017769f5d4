using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Distill.Training;

namespace Distill.Cli.Runs
{
    /// <summary>
    /// A sweep's table: per setting, over its seeds, the mean ± sample standard deviation (n − 1; "–" for one seed)
    /// of the last epoch's test accuracy and of the best epoch's (each seed's highest test accuracy, with the
    /// epoch it came in), and of the last epoch's test loss.
    /// </summary>
    public sealed record Summary(IReadOnlyList<Summary.Row> Rows)
    {
        public sealed record Row(string Setting, int Runs, double LastMean, double LastSd, double BestMean, double BestSd, IReadOnlyList<int> BestEpochs,
                                 double LossMean, double LossSd);

        public static Summary Of(IReadOnlyList<(string Setting, int Seed, RunState State)> runs) => new(runs
            .GroupBy(r => r.Setting)
            .Select(g =>
            {
                var last = g.Select(r => r.State.Epochs[^1].TestAccuracy).ToList();
                var best = g.Select(r => r.State.Epochs.MaxBy(e => e.TestAccuracy)!).ToList();
                var loss = g.Select(r => r.State.Epochs[^1].TestLoss).ToList();
                return new Row(g.Key, last.Count, last.Average(), Sd(last), best.Average(e => e.TestAccuracy), Sd(best.Select(e => e.TestAccuracy).ToList()),
                               best.Select(e => e.Epoch).ToList(), loss.Average(), Sd(loss));
            })
            .ToList());

        /// <summary>The sample standard deviation (n − 1); NaN for fewer than two values.</summary>
        public static double Sd(IReadOnlyList<double> values)
        {
            if (values.Count < 2) return double.NaN;
            double mean = values.Average();
            return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        }

        public string Markdown(string recipe, IReadOnlyList<int> seeds)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"## Sweep of {recipe}, seeds {string.Join(", ", seeds)}\n\n");
            text.Append("| setting | runs | last epoch test accuracy | best epoch test accuracy | best epochs | last epoch test loss |\n");
            text.Append("| --- | ---: | ---: | ---: | --- | ---: |\n");
            foreach (var r in Rows)
                text.Append(CultureInfo.InvariantCulture,
                    $"| {r.Setting} | {r.Runs} | {Pm(r.LastMean * 100, r.LastSd * 100, "0.00")} % | {Pm(r.BestMean * 100, r.BestSd * 100, "0.00")} % | {string.Join(", ", r.BestEpochs)} | {Pm(r.LossMean, r.LossSd, "0.0000")} |\n");
            return text.ToString();
        }

        public string Csv()
        {
            var text = new StringBuilder("setting,runs,last_accuracy_mean,last_accuracy_sd,best_accuracy_mean,best_accuracy_sd,best_epochs,last_loss_mean,last_loss_sd\n");
            foreach (var r in Rows)
                text.Append(string.Join(",", Quote(r.Setting), r.Runs.ToString(CultureInfo.InvariantCulture), F(r.LastMean), F(r.LastSd), F(r.BestMean), F(r.BestSd),
                                        Quote(string.Join(" ", r.BestEpochs)), F(r.LossMean), F(r.LossSd))).Append('\n');
            return text.ToString();
        }

        private static string Pm(double mean, double sd, string format) =>
            mean.ToString(format, CultureInfo.InvariantCulture) + " ± " + (double.IsNaN(sd) ? "–" : sd.ToString(format, CultureInfo.InvariantCulture));

        private static string F(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);

        private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
