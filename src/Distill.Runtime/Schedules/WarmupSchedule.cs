namespace Distill.Runtime.Schedules
{
    /// <summary><c>warmup(epochs = 5)</c>: the weight grows linearly from 0 to 1 over the span, then stays 1.</summary>
    [DistillSchedule("warmup", Description = "ramps the weight linearly from 0 to 1 over the span, then holds 1")]
    public sealed class WarmupSchedule : Schedule
    {
        [TermParameter(Name = "epochs", Group = "duration", Min = 0, MinExclusive = true, Description = "span in (fractional) epochs")]
        public double? Epochs { get; set; }

        [TermParameter(Name = "steps", Group = "duration", Min = 1, Description = "span in optimiser steps")]
        public long? Steps { get; set; }

        public override double Factor(TrainingProgress progress) =>
            Duration.Fraction("warmup", Epochs, Steps, progress);
    }
}
