using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;
namespace Distill.Training
{
    /// <summary>
    /// One epoch: mean training loss, test accuracy after it, and wall time elapsed since the run started;
    /// the share of training images the student classified right during the epoch (as it trained, before
    /// each step's update) and the test set's mean cross-entropy (NaN in checkpoints older than these two).
    /// </summary>
    public sealed record EpochMetrics(int Epoch, double TrainLoss, double TestAccuracy, double Seconds,
                                      double TrainAccuracy = double.NaN, double TestLoss = double.NaN);
}
