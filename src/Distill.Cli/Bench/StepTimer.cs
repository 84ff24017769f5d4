using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Cli.Bench
{
    /// <summary>
    /// Times forward + backward of an objective as bench_torch.py does: clear the leaves' gradients,
    /// compute, backward; <see cref="Warmup"/> untimed runs, then the median of <see cref="Reps"/> timed
    /// runs. Runs in evaluation mode (no SEED queue update), as the reference does.
    /// </summary>
    internal sealed record StepTimer(int Warmup, int Reps)
    {
        public double MedianMilliseconds(Objective objective, IReadOnlyDictionary<string, Tensor> inputs)
        {
            objective.Training = false;
            var leaves = BenchInputs.Leaves(inputs);
            for (int i = 0; i < Warmup; i++) Step(objective, inputs, leaves);
            var times = new double[Reps];
            for (int i = 0; i < Reps; i++)
            {
                long start = Stopwatch.GetTimestamp();
                Step(objective, inputs, leaves);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            return Median(times);
        }

        /// <summary>One forward + backward, every temporary (gradients included) freed at the end.</summary>
        public static void Step(Objective objective, IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<Tensor> leaves)
        {
            using var scope = NewDisposeScope();
            foreach (var leaf in leaves) leaf.grad = null;
            using var result = objective.Compute(inputs, TrainingProgress.Completed);
            result.Total.backward();
        }

        public static double Median(IReadOnlyList<double> values)
        {
            if (values.Count == 0) return double.NaN;
            var sorted = values.OrderBy(v => v).ToArray();
            int mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }
}
