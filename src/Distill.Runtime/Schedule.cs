namespace Distill.Runtime
{
    /// <summary>
    /// A weight schedule: a factor of training progress that multiplies a term's constant weight.
    /// Subclasses carry <see cref="DistillScheduleAttribute"/> and <see cref="TermParameterAttribute"/> properties.
    /// </summary>
    public abstract class Schedule
    {
        public abstract double Factor(TrainingProgress progress);
    }
}
