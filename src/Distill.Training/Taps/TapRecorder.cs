using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Text;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Distill.Training
{
    /// <summary>
    /// The taps of one model: each resolved to a module (see <see cref="Taps"/>) and captured with a
    /// forward hook (or, for the last-Linear embedding, a forward pre-hook) while <see cref="Run"/> calls
    /// the model. Disposing removes the hooks.
    /// </summary>
    internal sealed class TapRecorder : IDisposable
    {
        private const string OutputTap = "logits";
        private readonly Module<Tensor, Tensor> _model;
        private readonly Dictionary<string, Tensor> _captured = new(StringComparer.Ordinal);
        private readonly List<Action> _removers = [];
        private readonly bool _logitsIsOutput;

        private TapRecorder(Module<Tensor, Tensor> model, string role, bool logitsIsOutput)
        {
            _model = model;
            Role = role;
            _logitsIsOutput = logitsIsOutput;
        }

        public string Role { get; }

        /// <summary>Module path of every tap this recorder captures ("" for the model's output).</summary>
        public Dictionary<string, string> Sites { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// Resolves and hooks <paramref name="taps"/> (recipe tap names) on <paramref name="model"/>. <paramref name="probe"/>
        /// runs the model once (no_grad, eval) when the embedding must be found as the last Linear's input.
        /// </summary>
        public static TapRecorder Attach(Module<Tensor, Tensor> model, string role, Taps config, IEnumerable<string> taps,
                                         Func<string, string> readers, Action<Module<Tensor, Tensor>> probe)
        {
            var modules = model.named_modules().Where(m => m.name.Length > 0).OrderBy(m => m.name, StringComparer.Ordinal).ToList();
            var wanted = taps.Distinct(StringComparer.Ordinal).ToList();
            bool logitsIsOutput = wanted.Contains(OutputTap) && config.Logits is null && Explicit(config, OutputTap) is null;
            var recorder = new TapRecorder(model, role, logitsIsOutput);
            try
            {
                foreach (var tap in wanted)
                {
                    if (tap == OutputTap && logitsIsOutput) { recorder.Sites[tap] = ""; continue; }
                    string? path = Explicit(config, tap) ?? modules.Select(m => m.name).FirstOrDefault(n => SameTap(n, tap));
                    if (path is null && tap == "embedding")
                    {
                        path = LastLinear(model, modules, probe);
                        if (path is not null) { recorder.HookInput(tap, path, (Module<Tensor, Tensor>)Find(modules, path)!); continue; }
                    }
                    if (path is null || Find(modules, path) is not { } module)
                        throw NotFound(model, role, tap, path, modules.Select(m => m.name).ToList(), readers);
                    if (module is not Module<Tensor, Tensor> tensorModule)
                        throw new UnsatisfiableInputException(readers(InputNames.Of(role, tap)), InputNames.Of(role, tap),
                            $"the {role}'s module '{path}' is a {module.GetType().Name}, whose output is not one tensor.",
                            "tap a module that maps a tensor to a tensor (map the tap to another path in Taps.Paths).");
                    recorder.HookOutput(tap, path, tensorModule);
                }
            }
            catch
            {
                recorder.Dispose();
                throw;
            }
            return recorder;
        }

        /// <summary>Calls the model on <paramref name="input"/> and returns every tap by name.</summary>
        public IReadOnlyDictionary<string, Tensor> Run(Tensor input)
        {
            foreach (var t in _captured.Values) t.Dispose();
            _captured.Clear();
            var output = _model.call(input);
            // The hooks kept detached aliases (a model's forward may run in its own dispose scope, as TorchVision's do,
            // and Sequential disposes its intermediates); re-alias them here, in the caller's scope, and drop the detached ones.
            var taps = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (tap, detached) in _captured)
            {
                taps[tap] = detached.alias();
                detached.Dispose();
            }
            _captured.Clear();
            if (_logitsIsOutput) taps[OutputTap] = output;
            return taps;
        }

        public void Dispose()
        {
            foreach (var remove in _removers) remove();
            _removers.Clear();
            foreach (var t in _captured.Values) t.Dispose();
            _captured.Clear();
        }

        private void HookOutput(string tap, string path, Module<Tensor, Tensor> module)
        {
            Sites[tap] = path;
            var remover = module.register_forward_hook((_, _, output) => { Keep(tap, output); return output; });
            _removers.Add(remover.remove);
        }

        private void HookInput(string tap, string path, Module<Tensor, Tensor> module)
        {
            Sites[tap] = path + " (input)";
            var remover = module.register_forward_pre_hook((_, input) => { Keep(tap, input); return input; });
            _removers.Add(remover.remove);
        }

        /// <summary>An alias of a tap (same tensor, same graph), outside every dispose scope until <see cref="Run"/> takes it.</summary>
        private void Keep(string tap, Tensor tensor)
        {
            if (_captured.Remove(tap, out var earlier)) earlier.Dispose();
            _captured[tap] = tensor.alias().DetachFromDisposeScope();
        }

        private static string? Explicit(Taps config, string tap) =>
            config.Paths.FirstOrDefault(kv => SameTap(kv.Key, tap)).Value is { } p ? p
            : tap == OutputTap ? config.Logits
            : tap == "embedding" ? config.Embedding
            : null;

        /// <summary>Whether a module path names a recipe tap: <c>features.2</c> is the tap <c>features_2</c>.</summary>
        public static bool SameTap(string path, string tap) => InputNames.Pascal(path) == InputNames.Pascal(tap);

        private static Module? Find(List<(string name, Module module)> modules, string path) =>
            modules.FirstOrDefault(m => m.name == path).module;

        /// <summary>The path of the last nn.Linear that a forward pass runs, or null when it runs none.</summary>
        private static string? LastLinear(Module<Tensor, Tensor> model, List<(string name, Module module)> modules, Action<Module<Tensor, Tensor>> probe)
        {
            string? last = null;
            var removers = new List<Action>();
            foreach (var (name, module) in modules)
                if (module is TorchSharp.Modules.Linear linear)
                    removers.Add(linear.register_forward_pre_hook((_, input) => { last = name; return input; }).remove);
            try { probe(model); }
            finally { foreach (var remove in removers) remove(); }
            return last;
        }

        private static UnsatisfiableInputException NotFound(Module model, string role, string tap, string? path, List<string> paths, Func<string, string> readers)
        {
            string input = InputNames.Of(role, tap);
            string typed = path ?? tap;
            // Compared as recipe taps (features.2 and features_2 are both Features2), reported as module paths.
            string? near = Suggestions.Closest(InputNames.Pascal(typed), paths.Select(InputNames.Pascal)) is { } pascal
                ? paths.First(p => InputNames.Pascal(p) == pascal) : null;
            string listing = paths.Count <= 40 ? string.Join(", ", paths) : string.Join(", ", paths.Take(40)) + $", … ({paths.Count - 40} more)";
            string problem = (path is null ? $"the {role} ({model.GetType().Name}) has no module '{tap}'" : $"the {role}'s tap '{tap}' maps to '{path}', which is not a module of its {model.GetType().Name}")
                             + (near is null ? "." : $"; did you mean '{near}'?") + $" Its module paths: {listing}.";
            string fix = tap == "embedding"
                ? "set Taps.Embedding to the module whose output is the embedding."
                : $"tap a module that exists (at = {(near ?? "…").Replace('.', '_')}), or map the tap: Taps.Paths[\"{tap}\"] = \"<module path>\".";
            return new UnsatisfiableInputException(readers(input), input, problem, fix);
        }
    }
}
