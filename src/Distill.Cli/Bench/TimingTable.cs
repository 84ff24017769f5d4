using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Distill.Dsl.Binding;
using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Cli.Bench
{
    /// <summary>
    /// Per-term and total forward + backward times of a recipe at several batch sizes, printed as the
    /// markdown table bench_torch.py prints: one row per term (each term alone, weight 1, on its own
    /// inputs), "sum of terms", and "total (one graph)" (the whole objective in one Compute). One untimed
    /// pass of the whole objective comes first, so the first term does not pay for loading libtorch's kernels.
    /// </summary>
    internal static class TimingTable
    {
        public const string SumRow = "sum of terms";
        public const string TotalRow = "total (one graph)";

        public static void Run(Objective objective, IReadOnlyList<long> sizes, BenchShape shape, StepTimer timer, bool memory, TextWriter output)
        {
            var recipe = objective.Recipe;
            var terms = recipe.Terms.Where(t => t.Weight != 0).ToList();
            var rows = terms.Select(t => t.DisplayName).Append(SumRow).Append(TotalRow).ToList();
            var columns = new List<Dictionary<string, double>>();
            var memoryLines = new List<string>();
            Time(objective, recipe, shape with { Rows = sizes[0] }, timer with { Reps = 1 });
            foreach (long n in sizes)
            {
                var sized = shape with { Rows = n };
                var column = new Dictionary<string, double>(StringComparer.Ordinal);
                if (terms.Count > 1)
                {
                    foreach (var term in terms)
                        column[term.DisplayName] = TimeAlone(objective, term, sized, timer);
                    column[SumRow] = terms.Sum(t => column[t.DisplayName]);
                }
                column[TotalRow] = Time(objective, recipe, sized, timer);
                if (terms.Count == 1) column[terms[0].DisplayName] = column[SumRow] = column[TotalRow];
                columns.Add(column);
                if (memory)
                    memoryLines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"memory after N={n}: RSS {ProcessMemory.ResidentMiB():0.0} MiB, peak RSS (VmHWM) {ProcessMemory.PeakResidentMiB():0.0} MiB"));
            }
            output.WriteLine($"| term | {string.Join(" | ", sizes.Select(n => $"N={n} (ms)"))} |");
            output.WriteLine("|" + string.Concat(Enumerable.Repeat("---|", sizes.Count + 1)));
            foreach (var row in rows)
                output.WriteLine($"| {row} | {string.Join(" | ", columns.Select(c => c[row].ToString("0.000", CultureInfo.InvariantCulture)))} |");
            foreach (var line in memoryLines) output.WriteLine(line);
        }

        private static double TimeAlone(Objective objective, BoundTerm term, BenchShape shape, StepTimer timer)
        {
            var alone = new BoundRecipe(new Dsl.EquatableArray<BoundTerm>([term with { Weight = 1, Schedule = null }]), term.Inputs);
            return Time(Objective.Create(alone, term.DisplayName, term.DisplayName, objective.Device), alone, shape, timer);
        }

        private static double Time(Objective objective, BoundRecipe recipe, BenchShape shape, StepTimer timer)
        {
            using var scope = NewDisposeScope();
            using var generator = new Generator(0, CPU);
            var inputs = BenchInputs.For(recipe, shape, generator).ToDictionary(kv => kv.Key, kv => kv.Value.to(objective.Device).detach().requires_grad_(kv.Value.requires_grad));
            return timer.MedianMilliseconds(objective, inputs);
        }
    }
}
