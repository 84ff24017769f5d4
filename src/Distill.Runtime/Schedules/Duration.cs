using System;

namespace Distill.Runtime.Schedules
{
    /// <summary>The `epochs | steps` group shared by warmup, linear and cosine: how far along a span training is.</summary>
    internal static class Duration
    {
        /// <summary>Elapsed / length, clamped to [0, 1]. Exactly one of <paramref name="epochs"/>, <paramref name="steps"/> must be set.</summary>
        public static double Fraction(string schedule, double? epochs, long? steps, TrainingProgress progress)
        {
            double elapsed, length;
            (elapsed, length) = (epochs, steps) switch
            {
                ({ } e, null) => (progress.Epochs, e),
                (null, { } s) => (progress.Step, s),
                _ => throw new InvalidOperationException($"{schedule}: set exactly one of Epochs and Steps."),
            };
            if (!(length > 0)) throw new InvalidOperationException($"{schedule}: the length must be > 0, got {length}.");
            return Math.Clamp(elapsed / length, 0, 1);
        }
    }
}
