namespace Distill.Runtime.Schedules
{
    /// <summary>
    /// A schedule that moves the factor from <see cref="From"/> to <see cref="To"/> over a span of epochs or
    /// steps, then holds <see cref="To"/>; subclasses give the curve. The parameters are declared once here
    /// (both catalogue readers take inherited parameters, base class first).
    /// </summary>
    public abstract class RangeSchedule : Schedule
    {
        private readonly string _name;

        /// <param name="name">The schedule's recipe name, for error messages.</param>
        protected RangeSchedule(string name) => _name = name;

        [TermParameter(Name = "from", Default = 1.0, Description = "factor at the start")]
        public double From { get; set; } = 1;

        [TermParameter(Name = "to", Default = 0.0, Description = "factor at the end of the span and after")]
        public double To { get; set; }

        [TermParameter(Name = "epochs", Group = "duration", Min = 0, MinExclusive = true, Description = "span in (fractional) epochs")]
        public double? Epochs { get; set; }

        [TermParameter(Name = "steps", Group = "duration", Min = 1, Description = "span in optimiser steps")]
        public long? Steps { get; set; }

        public sealed override double Factor(TrainingProgress progress) => Curve(Duration.Fraction(_name, Epochs, Steps, progress));

        /// <summary>The factor at fraction <paramref name="t"/> ∈ [0, 1] of the span.</summary>
        protected abstract double Curve(double t);
    }
}
