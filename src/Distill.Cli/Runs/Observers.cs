using System.Collections.Generic;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Cli.Runs
{
    /// <summary>Forwards every event to several observers, in order.</summary>
    public sealed class Observers(params IReadOnlyList<ITrainingObserver> all) : ITrainingObserver
    {
        public void OnStart(TrainingState state, int stepsPerEpoch) { foreach (var o in all) o.OnStart(state, stepsPerEpoch); }
        public void OnStep(StepMetrics step) { foreach (var o in all) o.OnStep(step); }
        public void OnEpoch(EpochMetrics epoch) { foreach (var o in all) o.OnEpoch(epoch); }
        public void OnCheckpoint(string path) { foreach (var o in all) o.OnCheckpoint(path); }
    }
}
