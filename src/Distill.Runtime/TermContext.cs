using System;
using System.Collections.Generic;
using Distill.Dsl.Catalogue;
using Distill.Runtime.Terms;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime
{
    /// <summary>
    /// What a term sees during one <c>Compute</c>: the named inputs, the mode, and a cache of work
    /// shared between terms (the teacher's softened probabilities, normalised embeddings, distance
    /// matrices). Cached values live until the end of the call's dispose scope.
    /// </summary>
    public sealed class TermContext
    {
        private readonly IReadOnlyDictionary<string, Tensor> _inputs;
        private readonly Dictionary<string, object> _shared = new(StringComparer.Ordinal);
        private readonly HashSet<string> _checked = new(StringComparer.Ordinal);
        private readonly InputReference _reference;

        public TermContext(IReadOnlyDictionary<string, Tensor> inputs, bool training, Device device, bool checkFinite = true, IProcessGroup? group = null)
        {
            _inputs = inputs;
            Training = training;
            Device = device;
            CheckFinite = checkFinite;
            _reference = new InputReference(inputs);
            Group = group ?? SingleProcess.Instance;
        }

        public bool Training { get; }
        public Device Device { get; }

        /// <summary>Whether <see cref="Input(string)"/> refuses floating-point inputs holding NaN or ±Inf.</summary>
        public bool CheckFinite { get; }

        /// <summary>The display name of the term being evaluated (for error messages).</summary>
        public string CurrentTerm { get; internal set; } = "";

        /// <summary>The processes of a data-parallel run (<see cref="SingleProcess"/> by default).</summary>
        public IProcessGroup Group { get; }

        /// <summary>The gather mode of the term being evaluated (None for row-wise terms).</summary>
        public GatherMode CurrentGather { get; internal set; }

        /// <summary>
        /// Whether the current term sees the global batch: a <see cref="GatherMode.Global"/> term with more
        /// than one process. Its inputs are then all-gathered (<see cref="Gathering.Rows"/>, once per input per
        /// call) and its shared work is cached apart from the local terms'.
        /// </summary>
        public bool Gathers => CurrentGather == GatherMode.Global && Group.Size > 1;

        /// <summary>How many shared values were computed, and how many requests were served from the cache.</summary>
        public int SharedComputations { get; private set; }
        public int SharedHits { get; private set; }

        /// <summary>
        /// The input <paramref name="name"/>, checked the first time any term reads it in this call (before that
        /// term runs a kernel on it): alive (not disposed), on the same device as the other inputs, float32 or
        /// float64 with the same floating dtype as the other floating inputs, and (with <see cref="CheckFinite"/>)
        /// free of NaN and ±Inf. Each failure is a <see cref="TermInputException"/> naming the term and the input.
        /// </summary>
        public Tensor Input(string name)
        {
            if (!_inputs.TryGetValue(name, out var tensor) || tensor is null)
                throw new TermInputException(CurrentTerm, name, "not provided; the recipe needs it (see the objective's RequiredInputs).");
            if (_checked.Add(name))
            {
                try { _reference.Check(this, name, tensor, CheckFinite); }
                catch { _checked.Remove(name); throw; }
            }
            return Gathers ? Shared("gather/" + name, () => Gathering.Rows(Group, tensor)) : tensor;
        }

        public Tensor Input(string role, string tap) => Input(InputNames.Of(role, tap));

        /// <summary>
        /// Returns the value cached under <paramref name="key"/>, computing it with
        /// <paramref name="compute"/> the first time in this <c>Compute</c>. Keys must encode
        /// everything the value depends on (input name, temperature, …).
        /// </summary>
        public T Shared<T>(string key, Func<T> compute) where T : notnull
        {
            if (Gathers) key = "global/" + key;
            if (_shared.TryGetValue(key, out var cached))
            {
                SharedHits++;
                return (T)cached;
            }
            var value = compute();
            _shared[key] = value;
            SharedComputations++;
            return value;
        }

        /// <summary>Throws a <see cref="TermInputException"/> naming the current term and the input.</summary>
        public TermInputException Error(string input, string message) => new(CurrentTerm, input, message);
    }
}
