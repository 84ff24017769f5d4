using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;
using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training
{
    /// <summary>
    /// Saves and restores everything a run needs to continue exactly: the student's parameters
    /// and buffers (<c>model/…</c>), the optimiser's momentum (<c>optim/…</c>), the objective's
    /// state (<c>objective/…</c>, e.g. SEED's queue) and the <see cref="RunState"/> header (position,
    /// metrics, recipe, settings). Batch order is a function of seed and epoch, so the position
    /// is the sampler's state.
    /// </summary>
    public static class RunCheckpoint
    {
        public static void Save(string path, RunState state, ConvNet student, MomentumSgd optimizer, ObjectiveBase objective)
        {
            var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (name, t) in student.state_dict()) tensors["model/" + name] = t;
            foreach (var (name, t) in optimizer.StateDict()) tensors["optim/" + name] = t;
            foreach (var (name, t) in objective.StateDict()) tensors["objective/" + name] = t;
            CheckpointFile.Save(path, state.ToJson(), tensors);
        }

        /// <summary>
        /// Restores the model, optimiser and objective in place and returns the run state. Refuses a
        /// checkpoint of another recipe or with settings that change the numbers (all but device,
        /// checkpoint interval and stop step), since the resumed run would not match, listing each
        /// differing field. Epochs may be raised: the returned state then carries the new settings.
        /// </summary>
        public static RunState Load(string path, RunState expected, ConvNet student, MomentumSgd optimizer, ObjectiveBase objective)
        {
            var (header, tensors) = CheckpointFile.Load(path);
            try
            {
                var state = RunState.FromJson(header, path);
                if (state.RecipeHash != expected.RecipeHash)
                    throw new InvalidOperationException($"{path}: checkpoint is of another recipe (sha256 {state.RecipeHash[..12]}, not {expected.RecipeHash[..12]}); use another --out or drop --resume.");
                var changes = SettingsDiff.Changes(state.Settings, expected.Settings);
                if (changes.Count > 0)
                    throw new InvalidOperationException($"{path}: resume with the same settings; {string.Join("; ", changes)}.");
                if (state.Student != student.Spec)
                    throw new InvalidOperationException($"{path}: checkpoint is for a student {state.Student}, not {student.Spec}.");
                student.load_state_dict(Part(tensors, "model/"), strict: true);
                optimizer.LoadStateDict(Part(tensors, "optim/"));
                objective.LoadStateDict(Part(tensors, "objective/"));
                state.Settings = expected.Settings;
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

        /// <summary>Loads a model saved by <see cref="SaveModel"/> or <see cref="Save"/>.</summary>
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

        private static Dictionary<string, Tensor> Part(Dictionary<string, Tensor> tensors, string prefix) =>
            tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                   .ToDictionary(kv => kv.Key.Substring(prefix.Length), kv => kv.Value, StringComparer.Ordinal);
    }
}
