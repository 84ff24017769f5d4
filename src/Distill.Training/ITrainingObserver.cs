namespace Distill.Training
{
    /// <summary>Receives a run's progress as it happens (progress bars, live tables, metric files).</summary>
    public interface ITrainingObserver
    {
        /// <summary>Before the first step (after a resume): the state so far and the steps in an epoch.</summary>
        void OnStart(TrainingState state, int stepsPerEpoch);
        void OnStep(StepMetrics step);
        void OnEpoch(EpochMetrics epoch);
        void OnCheckpoint(string path);

        /// <summary>After the last step (or the stop step).</summary>
        void OnFinish(TrainingState state) { }
    }
}
