using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace Distill.Training
{
    /// <summary>
    /// The fields in which two <see cref="TrainSettings"/> differ, written the way a user reads them
    /// (<c>epochs: 3 in the checkpoint, 5 now</c>), so a refused resume says what changed and nothing else.
    /// </summary>
    public static class SettingsDiff
    {
        /// <summary>Fields that never change a run's numbers: where it runs, how often it checkpoints or measures gradient shares, when it stops early.</summary>
        public static IReadOnlySet<string> Free { get; } = new HashSet<string>(StringComparer.Ordinal)
        {
            nameof(TrainSettings.Device), nameof(TrainSettings.CheckpointEvery), nameof(TrainSettings.StopAfterSteps), nameof(TrainSettings.GradShareEvery),
        };

        private static readonly PropertyInfo[] Fields = typeof(TrainSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance);

        /// <summary>
        /// Every numbers-changing field that differs between the checkpoint's settings and the requested
        /// ones. <see cref="TrainSettings.Epochs"/> may be raised (the run goes on); lowering it is listed.
        /// <paramref name="where"/> names the saved side (<c>in the checkpoint</c>, <c>in the run</c>).
        /// </summary>
        public static IReadOnlyList<string> Changes(TrainSettings saved, TrainSettings now, string where = "in the checkpoint")
        {
            var changes = new List<string>();
            foreach (var field in Fields)
            {
                if (Free.Contains(field.Name)) continue;
                object? was = field.GetValue(saved), @is = field.GetValue(now);
                if (Equals(was, @is)) continue;
                if (field.Name == nameof(TrainSettings.Epochs) && now.Epochs > saved.Epochs) continue;
                string note = field.Name == nameof(TrainSettings.Epochs) ? " (epochs may only be raised)" : "";
                changes.Add($"{Name(field.Name)}: {Show(was)} {where}, {Show(@is)} now{note}");
            }
            return changes;
        }

        /// <summary>A field's name as a command-line user knows it: <c>BatchSize</c> → <c>batch size</c>.</summary>
        public static string Name(string field) =>
            string.Concat(field.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

        private static string Show(object? value) => value switch
        {
            null => "none",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
