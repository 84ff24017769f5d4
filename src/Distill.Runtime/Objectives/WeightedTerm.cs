namespace Distill.Runtime
{
    /// <summary>A term of an objective with its constant weight and optional schedule.</summary>
    public sealed record WeightedTerm(string Name, LossTerm Term, double Weight, Schedule? Schedule = null)
    {
        public double WeightAt(TrainingProgress progress) => Schedule is null ? Weight : Weight * Schedule.Factor(progress);
    }
}
