using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using static TorchSharp.torch;
using Distill.Runtime;

namespace Distill.Training
{
    /// <summary>
    /// An objective as training uses it: the engine (inputs it requires, state for checkpoints, training mode)
    /// and a by-name <c>Compute</c>. <see cref="From(ObjectiveBase)"/> takes a loaded <see cref="Objective"/> or a
    /// generated one (its typed <c>Inputs</c> are filled by name).
    /// </summary>
    public sealed record TrainingObjective(ObjectiveBase Objective, Func<IReadOnlyDictionary<string, Tensor>, TrainingProgress, LossResult> Compute)
    {
        public static TrainingObjective From(Objective objective) => new(objective, objective.Compute);

        /// <summary>A loaded objective, or a generated one: a class with <c>Compute(Inputs, TrainingProgress)</c> and a nested <c>Inputs</c>.</summary>
        public static TrainingObjective From(ObjectiveBase objective)
        {
            if (objective is Objective loaded) return From(loaded);
            var type = objective.GetType();
            var inputsType = type.GetNestedType("Inputs", BindingFlags.Public)
                ?? throw new ArgumentException($"{type.FullName} is neither a loaded Objective nor a generated objective (no nested Inputs class).", nameof(objective));
            var compute = type.GetMethod("Compute", [inputsType, typeof(TrainingProgress)])
                ?? throw new ArgumentException($"{type.FullName} has no Compute({inputsType.Name}, TrainingProgress).", nameof(objective));
            var properties = objective.RequiredInputs.ToDictionary(n => n, n => inputsType.GetProperty(n)
                ?? throw new ArgumentException($"{type.FullName}.Inputs has no property {n}.", nameof(objective)), StringComparer.Ordinal);
            return new(objective, (inputs, progress) =>
            {
                var typed = Activator.CreateInstance(inputsType)!;
                foreach (var (name, property) in properties)
                    if (inputs.TryGetValue(name, out var tensor)) property.SetValue(typed, tensor);
                try { return (LossResult)compute.Invoke(objective, [typed, progress])!; }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                    throw;
                }
            });
        }
    }
}
