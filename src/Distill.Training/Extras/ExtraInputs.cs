using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Distill.Training
{
    /// <summary>
    /// A helper that feeds inputs the models' taps alone do not: SSKD's rotated views (<see cref="SskdViews"/>),
    /// PAD's variance branch (<see cref="PadVariance"/>), or your own. Add helpers to <see cref="Distiller.Extras"/>;
    /// one whose <see cref="Provides"/> the recipe does not read is ignored. Modules in <see cref="Trainable"/> train
    /// with the student and are saved in its checkpoint.
    /// </summary>
    public abstract class ExtraInputs
    {
        /// <summary>The input names this helper feeds (<c>StudentLogVar</c>, …).</summary>
        public abstract IReadOnlyList<string> Provides { get; }

        /// <summary>The model taps it reads, as (role, tap): ("student", "embedding").</summary>
        public abstract IEnumerable<(string Role, string Tap)> Reads { get; }

        /// <summary>Heads trained with the student (their parameters join the optimiser; their state the checkpoint).</summary>
        public virtual IEnumerable<nn.Module> Trainable => [];

        /// <summary>Whether the models run on an expanded batch (<see cref="Expand"/>); at most one helper in use may expand.</summary>
        public virtual bool ExpandsBatch => false;

        /// <summary>The batch the models run on (SSKD: the four rotations of every image).</summary>
        public virtual Tensor Expand(Tensor input) => input;

        /// <summary>The rows of a tap on the expanded batch that belong to the original batch.</summary>
        public virtual Tensor Plain(Tensor tap) => tap;

        /// <summary>
        /// Adds this helper's inputs that <paramref name="context"/> needs. Teacher-side work must not build a graph:
        /// run it under <c>torch.no_grad()</c>.
        /// </summary>
        public abstract void Feed(ExtraInputContext context, IDictionary<string, Tensor> inputs);
    }

    /// <summary>What an <see cref="ExtraInputs"/> sees in a step: the taps of both models on the (expanded) batch and which inputs are needed.</summary>
    public sealed record ExtraInputContext(IReadOnlyDictionary<string, Tensor> Student, IReadOnlyDictionary<string, Tensor>? Teacher,
                                           Func<Tensor, Tensor> Plain, IReadOnlySet<string> Needed);
}
