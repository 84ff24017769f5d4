using System;

namespace Distill.Runtime.Schedules
{
    /// <summary>
    /// <c>cosine(from = 1, to = 0, epochs = 10)</c>: half a cosine from <see cref="From"/> to
    /// <see cref="To"/> over the span (as in SGDR / CosineAnnealingLR), then holds <see cref="To"/>.
    /// </summary>
    [DistillSchedule("cosine", Description = "cosine-anneals the weight from `from` to `to` over the span, then holds `to`")]
    public sealed class CosineSchedule : Schedule
    {
        [TermParameter(Name = "from", Default = 1.0, Description = "factor at the start")]
        public double From { get; set; } = 1;

        [TermParameter(Name = "to", Default = 0.0, Description = "factor at the end of the span and after")]
        public double To { get; set; }

        [TermParameter(Name = "epochs", Group = "duration", Min = 0, MinExclusive = true, Description = "span in (fractional) epochs")]
        public double? Epochs { get; set; }

        [TermParameter(Name = "steps", Group = "duration", Min = 1, Description = "span in optimiser steps")]
        public long? Steps { get; set; }

        public override double Factor(TrainingProgress progress)
        {
            double t = Duration.Fraction("cosine", Epochs, Steps, progress);
            return To + (From - To) * (1 + Math.Cos(Math.PI * t)) / 2;
        }
    }
}
