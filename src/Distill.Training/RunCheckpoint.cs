using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Distill.Runtime;
using Distill.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.optim;

namespace Distill.Training
{
    /// <summary>
    /// Saves and restores everything a run needs to continue exactly: the student's parameters and buffers
    /// (<c>model/…</c>), the helpers' heads that are not part of the student (<c>extra/N/…</c>), the optimiser's
    /// state as TorchSharp serialises it (<c>optim/torchsharp</c>, bytes), the objective's state
    /// (<c>objective/…</c>, e.g. SEED's queue) and the <see cref="TrainingState"/> header (position, metrics, recipe,
    /// settings). TorchSharp's schedulers have no state dict: their state is the step count, so a resume replays
    /// <c>step()</c> that many times. Batch order is a function of the epoch, so the position is the sampler's state.
    /// </summary>
    public static class RunCheckpoint
    {
        private const string OptimizerKey = "optim/torchsharp";

        public static void Save(string path, TrainingState state, Module student, IEnumerable<ExtraInputs> extras, OptimizerHelper optimizer, ObjectiveBase objective)
        {
            var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (name, t) in student.state_dict()) tensors["model/" + name] = t;
            foreach (var (prefix, module) in Heads(student, extras))
                foreach (var (name, t) in module.state_dict()) tensors[prefix + name] = t;
            using var optimizerState = OptimizerBytes(optimizer);
            tensors[OptimizerKey] = optimizerState;
            foreach (var (name, t) in objective.StateDict()) tensors["objective/" + name] = t;
            CheckpointFile.Save(path, state.ToJson(), tensors);
        }

        /// <summary>
        /// Restores the model, heads, optimiser, scheduler position and objective in place and returns the saved state.
        /// Refuses a checkpoint that <see cref="TrainingState.ResumeConflict"/> rejects, since the resumed run would not match.
        /// </summary>
        internal static TState Resume<TState>(string path, TState expected, Distiller distiller, IEnumerable<ExtraInputs> extras,
                                              OptimizerHelper optimizer, lr_scheduler.LRScheduler? scheduler) where TState : TrainingState
        {
            var (header, tensors) = CheckpointFile.Load(path);
            try
            {
                var state = (TState)expected.Read(header, path);
                if (expected.ResumeConflict(state, path) is { } conflict) throw new InvalidOperationException(conflict);
                state.ResumeWith(expected);
                if (!tensors.TryGetValue(OptimizerKey, out var optimizerState))
                    throw new InvalidOperationException($"{path}: checkpoint has no torch.optim state (written before Distill used torch.optim); start the run again without --resume.");
                distiller.Student.load_state_dict(Part(tensors, "model/"), strict: true);
                foreach (var (prefix, module) in Heads(distiller.Student, extras))
                    module.load_state_dict(Part(tensors, prefix), strict: true);
                for (long i = 0; i < state.GlobalStep; i++) scheduler?.step();
                using (var reader = new BinaryReader(new MemoryStream(optimizerState.bytes.ToArray()), Encoding.UTF8))
                    optimizer.load_state_dict(reader);
                distiller.Objective.Objective.LoadStateDict(Part(tensors, "objective/"));
                return state;
            }
            finally
            {
                foreach (var t in tensors.Values) t.Dispose();
            }
        }

        /// <summary>Saves a model alone (a teacher), with the run state that produced it.</summary>
        public static void SaveModel(string path, RunState state, ConvNet model) =>
            CheckpointFile.Save(path, state.ToJson(), model.state_dict().ToDictionary(kv => "model/" + kv.Key, kv => kv.Value));

        /// <summary>Loads a model saved by <see cref="SaveModel"/> or <see cref="Save"/> (files of every Distill version so far).</summary>
        public static (ConvNet Model, RunState State) LoadModel(string path)
        {
            var (header, tensors) = CheckpointFile.Load(path);
            try
            {
                var state = RunState.FromJson(header, path);
                var model = new ConvNet(state.Student);
                model.load_state_dict(Part(tensors, "model/"), strict: true);
                return (model, state);
            }
            finally
            {
                foreach (var t in tensors.Values) t.Dispose();
            }
        }

        /// <summary>The helpers' trained heads that are not submodules of the student, with their key prefixes.</summary>
        private static IEnumerable<(string Prefix, Module Module)> Heads(Module student, IEnumerable<ExtraInputs> extras)
        {
            var own = new HashSet<Module>(student.modules().Append(student), ReferenceEqualityComparer.Instance);
            int i = 0;
            foreach (var module in extras.SelectMany(x => x.Trainable))
                if (!own.Contains(module)) yield return ($"extra/{i++}/", module);
        }

        private static Tensor OptimizerBytes(OptimizerHelper optimizer)
        {
            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
            return torch.tensor(stream.ToArray());
        }

        private static Dictionary<string, Tensor> Part(Dictionary<string, Tensor> tensors, string prefix) =>
            tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                   .ToDictionary(kv => kv.Key.Substring(prefix.Length), kv => kv.Value, StringComparer.Ordinal);
    }
}
