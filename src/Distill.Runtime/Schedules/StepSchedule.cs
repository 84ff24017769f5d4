namespace Distill.Runtime.Schedules
{
    /// <summary>
    /// <c>step(at = 30, factor = 0.1)</c>: 1 before epoch <see cref="At"/> (0-based, fractional epochs
    /// elapsed), <c>factor</c> (<see cref="Gamma"/>, as in StepLR) from then on. The default factor 0 switches a term off.
    /// </summary>
    [DistillSchedule("step", Description = "1 before epoch `at`, `factor` from then on")]
    public sealed class StepSchedule : Schedule
    {
        [TermParameter(Name = "at", Min = 0, Description = "the epoch (epochs elapsed) from which `factor` applies")]
        public double At { get; set; }

        [TermParameter(Name = "factor", Default = 0.0, Description = "the factor from epoch `at` on")]
        public double Gamma { get; set; }

        public override double Factor(TrainingProgress progress) => progress.Epochs >= At ? Gamma : 1;
    }
}
