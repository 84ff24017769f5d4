using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime
{
    /// <summary>
    /// A loss term: a scalar function of named input tensors. Subclasses carry
    /// <see cref="DistillTermAttribute"/>, <see cref="TermInputAttribute"/>s and
    /// <see cref="TermParameterAttribute"/> properties; an objective creates one instance per
    /// weighted term of a recipe, with the recipe's arguments set on those properties.
    /// </summary>
    public abstract class LossTerm
    {
        private static readonly ConcurrentDictionary<Type, GatherMode> Declared = new();
        private GatherMode? _gather;

        /// <summary>The gather mode the term's <see cref="DistillTermAttribute.Gather"/> declares (None: row-wise).</summary>
        public GatherMode DeclaredGather =>
            Declared.GetOrAdd(GetType(), t => t.GetCustomAttribute<DistillTermAttribute>(inherit: false)?.Gather ?? GatherMode.None);

        /// <summary>
        /// Which rows the term relates under data-parallel training (the recipe's <c>gather</c> argument;
        /// <see cref="DeclaredGather"/> when unset). Only a relational term may be set, and not to None.
        /// </summary>
        public GatherMode Gather
        {
            get => _gather ?? DeclaredGather;
            set
            {
                if (DeclaredGather == GatherMode.None)
                    throw new InvalidOperationException($"{GetType().Name} is row-wise (its [DistillTerm] declares no Gather); it has no gather mode to set.");
                if (value == GatherMode.None)
                    throw new ArgumentOutOfRangeException(nameof(value), "a relational term's gather mode is Global or Local.");
                _gather = value;
            }
        }

        /// <summary>
        /// The unweighted loss as a scalar tensor carrying autograd to the student-side inputs.
        /// Runs inside the objective's dispose scope: temporaries need no disposal here. Work
        /// that other terms may share goes through <see cref="TermContext.Shared{T}"/>.
        /// </summary>
        public abstract Tensor Forward(TermContext context);

        /// <summary>
        /// Called once per <c>Compute</c> in training mode, after every term's forward, under
        /// no_grad (e.g. SEED's queue update). Never called in evaluation mode.
        /// </summary>
        public virtual void AfterForward(TermContext context) { }

        /// <summary>Persistent state saved with checkpoints (e.g. SEED's queue), by name.</summary>
        public virtual IEnumerable<KeyValuePair<string, Tensor>> State => [];

        /// <summary>Restores what <see cref="State"/> returned, onto <paramref name="device"/>.</summary>
        public virtual void LoadState(IReadOnlyDictionary<string, Tensor> state, Device device) { }
    }
}
