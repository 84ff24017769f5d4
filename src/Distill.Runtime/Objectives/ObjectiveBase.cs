using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime.Terms;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime
{
    /// <summary>
    /// The evaluation engine shared by generated objectives and <c>Objective</c> (loaded at
    /// run time), so both give the same numbers: Σ weightᵢ(progress)·termᵢ with shared work
    /// computed once per call, zero-weight terms skipped, and every temporary disposed.
    /// </summary>
    public abstract class ObjectiveBase
    {
        protected ObjectiveBase(string source, IReadOnlyList<WeightedTerm> terms, IReadOnlyList<string> requiredInputs, Device? device)
        {
            Source = source;
            Terms = terms;
            RequiredInputs = requiredInputs;
            Device = device ?? CPU;
        }

        /// <summary>The recipe text this objective was made from.</summary>
        public string Source { get; }
        public IReadOnlyList<WeightedTerm> Terms { get; }
        /// <summary>The input names the recipe consumes, sorted (ordinal).</summary>
        public IReadOnlyList<string> RequiredInputs { get; }
        public Device Device { get; }

        /// <summary>Training mode runs stateful updates (SEED's queue); evaluation mode never does.</summary>
        public bool Training { get; set; } = true;

        /// <summary>
        /// Whether every floating-point input is checked for NaN and ±Inf when a term first reads it (on by
        /// default): the error names the term and the input instead of a NaN loss spreading into the weights.
        /// The check is one reduction per input per call (and a device sync on an accelerator); set it to false
        /// to skip it where the inputs are known to be finite.
        /// </summary>
        public bool CheckFinite { get; set; } = true;

        /// <summary>
        /// The processes of a data-parallel run (<see cref="SingleProcess"/> by default). With K &gt; 1 ranks,
        /// each holding its shard of the global batch, a <c>gather = global</c> term sees every rank's rows
        /// (its value is the global batch's, equal on all ranks) and a <c>gather = local</c> or row-wise term
        /// its own. The gradient of every term on this rank's rows is then K times that of the global objective
        /// (a local mean over B/K rows already is; global terms have their gradient scaled by K), so that
        /// averaging the parameter gradients over the ranks gives the global objective's gradient exactly.
        /// </summary>
        public IProcessGroup ProcessGroup { get; set; } = SingleProcess.Instance;

        /// <summary>Counters from the last call: shared values computed and cache hits.</summary>
        public int LastSharedComputations { get; private set; }
        public int LastSharedHits { get; private set; }

        protected LossResult ComputeCore(IReadOnlyDictionary<string, Tensor> inputs, TrainingProgress progress)
        {
            CheckInputNames(inputs);
            using var scope = NewDisposeScope();
            var context = new TermContext(inputs, Training, Device, CheckFinite, ProcessGroup);
            Tensor? total = null;
            var values = new List<TermValue>(Terms.Count);
            var ran = new List<LossTerm>(Terms.Count);
            foreach (var term in Terms)
            {
                double weight = term.WeightAt(progress);
                if (weight == 0)
                {
                    values.Add(new TermValue(term.Name, 0, null));
                    continue;
                }
                Enter(context, term);
                var value = term.Term.Forward(context);
                if (value.numel() != 1)
                    throw new InvalidOperationException($"{term.Name}: Forward returned shape [{string.Join(", ", value.shape)}], expected a scalar.");
                var scaled = context.Gathers ? Gathering.ScaleGradient(value, ProcessGroup.Size) : value;
                var weighted = weight == 1 ? scaled : scaled.Times(weight);
                total = total is null ? weighted : total.Plus(weighted);
                var scalar = value.dim() == 0 ? value : value.reshape(Array.Empty<long>());
                values.Add(new TermValue(term.Name, weight, scalar.detach()) { Graph = scalar });
                ran.Add(term.Term);
            }
            if (Training)
            {
                using var noGrad = no_grad();
                foreach (var term in Terms.Where(t => ran.Contains(t.Term)))
                {
                    Enter(context, term);
                    term.Term.AfterForward(context);
                }
            }
            LastSharedComputations = context.SharedComputations;
            LastSharedHits = context.SharedHits;
            total ??= zeros(Array.Empty<long>(), dtype: FirstFloatType(inputs), device: Device);
            // Every term skipped, or every one constant in the inputs that require grad: a zero gradient to
            // those inputs, so backward() works whenever any input requires grad.
            if (!total.requires_grad && is_grad_enabled())
                foreach (var input in inputs.Values)
                    if (input.requires_grad) total = total.Plus(TermMath.ZeroGradientTo(input).to_type(total.dtype));
            // A 0-dim total is returned as it is: a reshape would add a view node that backward pays for (~10 µs).
            total = (total.dim() == 0 ? total : total.reshape(Array.Empty<long>())).MoveToOuterDisposeScope();
            foreach (var v in values)
            {
                v.Value?.MoveToOuterDisposeScope();
                v.Graph?.MoveToOuterDisposeScope();
            }
            return new LossResult(total, values);
        }

        private static void Enter(TermContext context, WeightedTerm term)
        {
            context.CurrentTerm = term.Name;
            context.CurrentGather = term.Term.Gather;
        }

        private void CheckInputNames(IReadOnlyDictionary<string, Tensor> inputs)
        {
            foreach (var name in RequiredInputs)
                if (!inputs.TryGetValue(name, out var t) || t is null)
                    throw new TermInputException("objective", name,
                        $"missing; this recipe requires {string.Join(", ", RequiredInputs)}.");
            foreach (var name in inputs.Keys)
                if (!RequiredInputs.Contains(name, StringComparer.Ordinal))
                    throw new TermInputException("objective", name,
                        $"not used by this recipe; it requires exactly {string.Join(", ", RequiredInputs)}.");
        }

        private static ScalarType FirstFloatType(IReadOnlyDictionary<string, Tensor> inputs) =>
            inputs.Values.Where(t => !t.IsInvalid).Select(t => t.dtype).FirstOrDefault(InputReference.IsSupported, ScalarType.Float32);

        /// <summary>Every term's persistent state, keyed "termName/stateName" (for checkpoints).</summary>
        public Dictionary<string, Tensor> StateDict()
        {
            var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var term in Terms)
                foreach (var kv in term.Term.State)
                    state[term.Name + "/" + kv.Key] = kv.Value;
            return state;
        }

        public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
        {
            foreach (var term in Terms)
            {
                string prefix = term.Name + "/";
                var mine = state.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                                .ToDictionary(kv => kv.Key.Substring(prefix.Length), kv => kv.Value);
                if (mine.Count > 0) term.Term.LoadState(mine, Device);
            }
        }
    }
}
