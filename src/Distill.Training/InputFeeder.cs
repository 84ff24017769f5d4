using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Catalogue;
using Distill.Runtime;
using Distill.Training.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Distill.Training
{
    /// <summary>
    /// Feeds one objective from a student, an optional frozen teacher, the batch's labels and the extra-input
    /// helpers. Built with <see cref="For"/>, which refuses (naming the term, the input and the fix) any input
    /// nothing can feed, and hooks exactly the taps the recipe and the helpers read.
    /// </summary>
    internal sealed class InputFeeder : IDisposable
    {
        public const string Labels = "Labels";
        private const string Student = "student", Teacher = "teacher";
        private static readonly Dictionary<string, string> HelperFor = new(StringComparer.Ordinal)
        {
            ["RotatedLogits"] = "new SskdViews(studentHead, teacherHead)",
            ["RotatedProjection"] = "new SskdViews(studentHead, teacherHead)",
            ["LogVar"] = "new PadVariance(new PadVarianceBranch(embeddingWidth))",
        };

        private readonly TapRecorder _student;
        private readonly TapRecorder? _teacher;
        private readonly Module<Tensor, Tensor>? _teacherModel;
        private readonly List<(string Input, string Role, string Tap)> _taps;
        private readonly IReadOnlyList<ExtraInputs> _extras;
        private readonly ExtraInputs? _expander;
        private readonly HashSet<string> _needed;

        private InputFeeder(TapRecorder student, TapRecorder? teacher, Module<Tensor, Tensor>? teacherModel, List<(string, string, string)> taps,
                            IReadOnlyList<ExtraInputs> extras, HashSet<string> needed, Func<string, string> readers)
        {
            _student = student;
            _teacher = teacher;
            _teacherModel = teacherModel;
            _taps = taps;
            _extras = extras;
            _expander = extras.FirstOrDefault(x => x.ExpandsBatch);
            _needed = needed;
            Readers = readers;
        }

        public bool NeedsLabels => _needed.Contains(Labels);
        public IReadOnlyList<ExtraInputs> Extras => _extras;
        public Func<string, string> Readers { get; }

        /// <summary>Module path of every tap, as "StudentLayer3 ← layer3".</summary>
        public IEnumerable<string> Sites =>
            _student.Sites.Select(s => $"{InputNames.Of(Student, s.Key)} ← {(s.Value.Length == 0 ? "output" : s.Value)}")
                .Concat(_teacher?.Sites.Select(s => $"{InputNames.Of(Teacher, s.Key)} ← {(s.Value.Length == 0 ? "output" : s.Value)}") ?? []);

        public static InputFeeder For(ObjectiveBase objective, Module<Tensor, Tensor> student, Module<Tensor, Tensor>? teacher,
                                      Taps studentTaps, Taps teacherTaps, IEnumerable<ExtraInputs> extras, Tensor? probe)
        {
            var readers = InputReaders.Of(objective);
            var needed = new HashSet<string>(objective.RequiredInputs, StringComparer.Ordinal);
            var active = extras.Where(x => x.Provides.Any(needed.Contains)).ToList();
            if (active.Count(x => x.ExpandsBatch) > 1)
                throw new ArgumentException($"{string.Join(" and ", active.Where(x => x.ExpandsBatch).Select(x => x.GetType().Name))} both expand the batch; use one.");
            var provided = new HashSet<string>(active.SelectMany(x => x.Provides).Where(needed.Contains), StringComparer.Ordinal);
            var taps = new List<(string, string, string)>();
            foreach (var input in objective.RequiredInputs)
            {
                if (input == Labels || provided.Contains(input)) continue;
                var (role, tap) = Split(input);
                if (role is null)
                    throw new UnsatisfiableInputException(readers(input), input, "no model tap, helper or the data feeds it.",
                        "add an ExtraInputs helper to Distiller.Extras that Provides it.");
                if (HelperFor.TryGetValue(InputNames.Pascal(tap), out var helper))
                    throw new UnsatisfiableInputException(readers(input), input, "it is not a model tap: a helper computes it.", $"add {helper} to Distiller.Extras.");
                taps.Add((input, role, tap));
            }
            var reads = taps.Select(t => (Role: t.Item2, Tap: t.Item3)).Concat(active.SelectMany(x => x.Reads)).ToList();
            bool teacherNeeded = reads.Any(r => r.Role == Teacher);
            if (teacherNeeded && teacher is null)
            {
                string input = taps.Select(t => t.Item1).FirstOrDefault(i => i.StartsWith("Teacher", StringComparison.Ordinal))
                               ?? provided.First(i => i.StartsWith("Teacher", StringComparison.Ordinal));
                throw new UnsatisfiableInputException(readers(input), input, "the recipe reads the teacher, but the Distiller was given none.",
                    "pass the trained teacher module to the Distiller (it runs frozen, in eval mode under no_grad).");
            }
            void Probe(Module<Tensor, Tensor> model)
            {
                if (probe is null) return;
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                bool training = model.training;
                model.eval();
                model.call(active.FirstOrDefault(x => x.ExpandsBatch)?.Expand(probe) ?? probe);
                model.train(training);
            }
            var studentRecorder = TapRecorder.Attach(student, Student, studentTaps, reads.Where(r => r.Role == Student).Select(r => r.Tap), readers, Probe);
            TapRecorder? teacherRecorder = null;
            try
            {
                if (teacherNeeded)
                    teacherRecorder = TapRecorder.Attach(teacher!, Teacher, teacherTaps, reads.Where(r => r.Role == Teacher).Select(r => r.Tap), readers, Probe);
            }
            catch
            {
                studentRecorder.Dispose();
                throw;
            }
            return new InputFeeder(studentRecorder, teacherRecorder, teacher, taps, active, needed, readers);
        }

        /// <summary>Runs the models on a batch and returns every input; the teacher runs in eval mode under no_grad.</summary>
        public Dictionary<string, Tensor> Feed(Batch batch)
        {
            var input = _expander?.Expand(batch.Input) ?? batch.Input;
            Func<Tensor, Tensor> plain = _expander is null ? t => t : _expander.Plain;
            var student = _student.Run(input);
            IReadOnlyDictionary<string, Tensor>? teacher = null;
            if (_teacher is not null)
            {
                using var noGrad = no_grad();
                _teacherModel!.eval();
                teacher = _teacher.Run(input);
            }
            var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var (name, role, tap) in _taps)
                inputs[name] = plain((role == Student ? student : teacher!)[tap]);
            if (NeedsLabels)
                inputs[Labels] = batch.Labels ?? throw new UnsatisfiableInputException(Readers(Labels), Labels, "the data gives no labels.",
                    "give batches with labels (new Batch(input, labels), or BatchSource.From(loader, labels: \"label\")).");
            var context = new ExtraInputContext(student, teacher, plain, _needed);
            foreach (var extra in _extras) extra.Feed(context, inputs);
            return inputs;
        }

        public void Dispose()
        {
            _student.Dispose();
            _teacher?.Dispose();
        }

        /// <summary>("student", "layer3") for StudentLayer3; (null, …) for a name with no model role.</summary>
        private static (string? Role, string Tap) Split(string input)
        {
            foreach (var role in new[] { Student, Teacher })
            {
                string prefix = InputNames.Pascal(role);
                if (input.StartsWith(prefix, StringComparison.Ordinal) && input.Length > prefix.Length)
                    return (role, InputNames.Snake(input.Substring(prefix.Length)));
            }
            return (null, input);
        }
    }
}
