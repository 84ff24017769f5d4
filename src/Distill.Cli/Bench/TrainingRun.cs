using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Distill.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Cli.Bench
{
    /// <summary>
    /// Real training steps for the flat-memory check: the student inputs are parameters updated by SGD
    /// after every forward + backward (training mode, so SEED's queue advances too). Prints the resident
    /// memory at checkpoints and the growth from step 100 to the last step.
    /// </summary>
    internal static class TrainingRun
    {
        public const int Baseline = 100;

        public static void Run(Objective objective, BenchShape shape, int steps, TextWriter output)
        {
            objective.Training = true;
            using var generator = new Generator(0, CPU);
            var fed = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            var parameters = new List<Parameter>();
            foreach (var (name, value) in BenchInputs.For(objective.Recipe, shape, generator))
            {
                var moved = value.to(objective.Device).detach();
                if (!value.requires_grad) { fed[name] = moved; continue; }
                var parameter = new Parameter(moved);
                parameters.Add(parameter);
                fed[name] = parameter;
            }
            using var optimizer = optim.SGD(parameters, 1e-3);
            var checkpoints = new SortedSet<int> { Baseline, steps };
            for (int s = steps / 10; s < steps; s += Math.Max(1, steps / 10)) if (s > Baseline) checkpoints.Add(s);
            double baseline = double.NaN;
            output.WriteLine($"training {steps} steps at N={shape.Rows} (SGD on the student inputs, {parameters.Count} parameter tensors)");
            for (int step = 1; step <= steps; step++)
            {
                using (var scope = NewDisposeScope())
                {
                    optimizer.zero_grad();
                    using var result = objective.Compute(fed, TrainingProgress.Completed);
                    result.Total.backward();
                    optimizer.step();
                }
                if (!checkpoints.Contains(step)) continue;
                double rss = ProcessMemory.ResidentMiB();
                if (step == Baseline) baseline = rss;
                var gc = GC.GetGCMemoryInfo();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"step {step,6}: RSS {rss:0.0} MiB (managed heap {gc.HeapSizeBytes / 1048576.0:0.0} MiB, GC committed {gc.TotalCommittedBytes / 1048576.0:0.0} MiB at the last GC, {ProcessMemory.Threads():0} threads)"));
            }
            double last = ProcessMemory.ResidentMiB();
            if (!double.IsNaN(baseline))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"RSS growth from step {Baseline} to step {steps}: {last - baseline:+0.0;-0.0;0.0} MiB ({100 * (last - baseline) / baseline:+0.00;-0.00;0.00} %)"));
        }
    }
}
