using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;
namespace Distill.Training
{
    /// <summary>One epoch: mean training loss, test accuracy after it, and wall time elapsed since the run started.</summary>
    public sealed record EpochMetrics(int Epoch, double TrainLoss, double TestAccuracy, double Seconds);
}
