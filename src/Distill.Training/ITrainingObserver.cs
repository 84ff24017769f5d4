using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;
namespace Distill.Training
{
    /// <summary>Receives a run's progress as it happens (progress bars, live tables, metric files).</summary>
    public interface ITrainingObserver
    {
        void OnStart(RunState state, int stepsPerEpoch);
        void OnStep(StepMetrics step);
        void OnEpoch(EpochMetrics epoch);
        void OnCheckpoint(string path);
    }
}
