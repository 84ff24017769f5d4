using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Spectre.Console;

namespace Distill.Cli.Demo
{
    /// <summary>
    /// The demo's printed results, all from a <see cref="DemoSummary"/>: the model table (parameters,
    /// accuracy, the evaluation split's cross-entropy as <c>final loss</c> for every model, wall time),
    /// a per-seed table when there are several seeds, and one line per distilled student with its gain
    /// over the CE-only student and the share of the teacher–student gap it closes.
    /// </summary>
    public static class DemoReport
    {
        /// <param name="split">What the accuracy was measured on: <c>test</c>, or <c>validation</c>.</param>
        /// <param name="teacherTime">The teacher's wall-time cell (its training time, or where it came from).</param>
        public static Table Models(DemoSummary summary, string split, string teacherTime)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumns("model", "parameters", $"{split} accuracy", $"final loss ({split} CE)", "wall time");
            var t = summary.Teacher;
            table.AddRow("teacher", $"{t.Parameters:N0}", Percent(t.Accuracy), $"{t.CrossEntropy:F4}", Markup.Escape(teacherTime));
            var ce = summary.Baseline;
            table.AddRow(Markup.Escape(Student(ce[0].Model)), $"{ce[0].Parameters:N0}", Percent(summary.BaselineAccuracy),
                         Loss(Stat.Of(ce.Select(r => r.CrossEntropy))), Seconds(Stat.Of(ce.Select(r => r.Seconds))));
            foreach (var (c, runs) in summary.Distilled)
                table.AddRow(Markup.Escape(Student(c.Model)), $"{runs[0].Parameters:N0}", Percent(c.Accuracy), Loss(c.CrossEntropy), Seconds(c.Seconds));
            return table;
        }

        /// <summary>Every seed's accuracy of every student, the distilled ones with their difference to the CE-only run of that seed.</summary>
        public static Table Seeds(DemoSummary summary)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("seed").AddColumn(Markup.Escape(summary.Baseline[0].Model));
            foreach (var (c, _) in summary.Distilled) table.AddColumn(Markup.Escape(c.Model));
            foreach (var ce in summary.Baseline)
            {
                var cells = new List<string> { ce.Seed.ToString(CultureInfo.InvariantCulture), Percent(ce.Accuracy) };
                foreach (var (_, runs) in summary.Distilled)
                {
                    var run = runs.Single(r => r.Seed == ce.Seed);
                    cells.Add($"{Percent(run.Accuracy)} ({Points(run.Accuracy - ce.Accuracy)})");
                }
                table.AddRow(cells.ToArray());
            }
            return table;
        }

        /// <summary>The gap line: the teacher's lead over the CE-only student's mean, in points.</summary>
        public static string GapLine(DemoSummary summary) =>
            $"teacher − student (CE only): {Points(summary.Gap)} points";

        /// <summary>
        /// E.g. <c>kd.distill vs CE only: +1.90 points, 41 % of the gap</c>; over several seeds
        /// <c>+1.90 ± 0.30 points (better on 5 of 5 seeds), 41 % of the gap</c>.
        /// </summary>
        public static string GainLine(Comparison c, double gap)
        {
            string gain = c.Gain.Count > 1
                ? $"{Points(c.Gain.Mean)} ± {(c.Gain.Sd * 100).ToString("F2", CultureInfo.InvariantCulture)} points (better on {c.Wins} of {c.Gain.Count} seeds)"
                : $"{Points(c.Gain.Mean)} points";
            string share = gap > 0
                ? $"{(c.GapShare * 100).ToString("F0", CultureInfo.InvariantCulture)} % of the gap"
                : "no teacher–student gap to close";
            return $"{c.Model} vs CE only: {gain}, {share}";
        }

        /// <summary>Writes the tables and lines to <paramref name="console"/>.</summary>
        public static void Write(IAnsiConsole console, DemoSummary summary, string split, string teacherTime)
        {
            console.Write(Models(summary, split, teacherTime));
            if (summary.Baseline.Count > 1) console.Write(Seeds(summary));
            console.WriteLine(GapLine(summary));
            foreach (var (c, _) in summary.Distilled) console.WriteLine(GainLine(c, summary.Gap));
        }

        /// <summary>
        /// Redirected output (a log file, a test) defaults to 80 columns, and Spectre wraps longer lines and
        /// table cells there; give it room so that logs keep one line per model and per message.
        /// </summary>
        public static void Widen(IAnsiConsole console)
        {
            if (!console.Profile.Capabilities.Interactive) console.Profile.Width = Math.Max(console.Profile.Width, 400);
        }

        private static string Student(string model) => $"student ({model})";

        private static string Percent(double fraction) => (fraction * 100).ToString("F2", CultureInfo.InvariantCulture) + " %";

        private static string Percent(Stat s) =>
            s.Count > 1 ? $"{Percent(s.Mean)} ± {(s.Sd * 100).ToString("F2", CultureInfo.InvariantCulture)}" : Percent(s.Mean);

        private static string Loss(Stat s) => s.Mean.ToString("F4", CultureInfo.InvariantCulture);

        private static string Seconds(Stat s) => (s.Count > 1 ? "mean " : "") + s.Mean.ToString("F0", CultureInfo.InvariantCulture) + " s";

        private static string Points(double fraction) => (fraction * 100).ToString("+0.00;-0.00;+0.00", CultureInfo.InvariantCulture);
    }
}
