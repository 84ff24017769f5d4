namespace Distill.Runtime.Schedules
{
    /// <summary>
    /// <c>linear(from = 1, to = 0, epochs = 10)</c>: the factor moves linearly from <see cref="From"/> to
    /// <see cref="To"/> over the span, then holds <see cref="To"/>. The defaults (1 → 0) anneal a term
    /// away; <c>warmup</c> is the ramp up.
    /// </summary>
    [DistillSchedule("linear", Description = "moves the weight linearly from `from` to `to` over the span, then holds `to`")]
    public sealed class LinearSchedule : Schedule
    {
        [TermParameter(Name = "from", Default = 1.0, Description = "factor at the start")]
        public double From { get; set; } = 1;

        [TermParameter(Name = "to", Default = 0.0, Description = "factor at the end of the span and after")]
        public double To { get; set; }

        [TermParameter(Name = "epochs", Group = "duration", Min = 0, MinExclusive = true, Description = "span in (fractional) epochs")]
        public double? Epochs { get; set; }

        [TermParameter(Name = "steps", Group = "duration", Min = 1, Description = "span in optimiser steps")]
        public long? Steps { get; set; }

        public override double Factor(TrainingProgress progress) =>
            From + (To - From) * Duration.Fraction("linear", Epochs, Steps, progress);
    }
}
