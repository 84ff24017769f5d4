using System;
using System.Collections.Generic;
using static TorchSharp.torch;
using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training
{
    /// <summary>
    /// An objective as the trainer uses it: the engine (inputs it requires, state for checkpoints,
    /// training mode) and its by-name <c>Compute</c>, which loaded objectives expose publicly.
    /// </summary>
    public sealed record TrainingObjective(ObjectiveBase Objective, Func<IReadOnlyDictionary<string, Tensor>, TrainingProgress, LossResult> Compute)
    {
        public static TrainingObjective From(Objective objective) => new(objective, objective.Compute);
    }
}
