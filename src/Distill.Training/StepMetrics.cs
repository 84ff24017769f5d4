using System.Collections.Generic;
using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training
{
    /// <summary>One optimisation step: where it was, the total loss, the learning rate and every term's weight and raw value.</summary>
    public sealed record StepMetrics(int Epoch, long Step, double Total, double LearningRate, IReadOnlyList<TermMetric> Terms);
}
