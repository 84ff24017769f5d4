using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Catalogue;
using TorchSharp;
using static TorchSharp.torch;
using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training
{
    /// <summary>
    /// How one training step feeds an objective from a student and a teacher <see cref="ConvNet"/>:
    /// model taps (<c>StudentLogits</c>, <c>TeacherLayer2</c>, …), <c>Labels</c>, SSKD's rotated
    /// views (row 4i + r is image i turned r·90°; the un-rotated taps are then rows 4i of that
    /// batch) with projection heads, and PAD's <c>StudentLogVar</c>. Built with
    /// <see cref="For"/>, which refuses any input it cannot feed.
    /// </summary>
    public sealed class InputPlan
    {
        private const string Student = "student", Teacher = "teacher";
        private static readonly string[] RotatedTaps = ["rotated_logits", "rotated_projection"];

        private InputPlan(IReadOnlyList<string> names)
        {
            Names = names;
            NeedsTeacher = names.Any(n => n.StartsWith("Teacher", StringComparison.Ordinal));
            NeedsRotation = names.Any(n => n.Contains("Rotated", StringComparison.Ordinal));
        }

        /// <summary>The input names fed, in the objective's order.</summary>
        public IReadOnlyList<string> Names { get; }
        public bool NeedsTeacher { get; }
        public bool NeedsRotation { get; }

        /// <summary>Every input name the built-in models feed.</summary>
        public static IReadOnlyList<string> Supported { get; } = BuildSupported();

        public static InputPlan For(IEnumerable<string> required)
        {
            var names = required.ToList();
            foreach (var name in names)
                if (!Supported.Contains(name, StringComparer.Ordinal)) throw new UnsatisfiableInputException(name, Supported);
            return new InputPlan(names);
        }

        /// <summary>Runs the models on a batch and returns the inputs; the teacher runs in eval mode under no_grad.</summary>
        public Dictionary<string, Tensor> Feed(ConvNet student, ConvNet? teacher, Tensor images, Tensor labels) =>
            Feed(student, teacher, images, labels, out _);

        /// <summary>As <see cref="Feed(ConvNet, ConvNet?, Tensor, Tensor)"/>, also handing back the student's logits on the (un-rotated) batch, for train accuracy.</summary>
        public Dictionary<string, Tensor> Feed(ConvNet student, ConvNet? teacher, Tensor images, Tensor labels, out Tensor studentLogits)
        {
            if (NeedsTeacher && teacher is null) throw new InvalidOperationException("this recipe reads the teacher, but no teacher was given.");
            var batch = NeedsRotation ? Rotations(images) : images;
            var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            var s = student.forward(batch);
            studentLogits = Plain(s.Logits);
            Add(inputs, Student, s, student);
            if (NeedsTeacher)
            {
                using var noGrad = no_grad();
                teacher!.eval();
                Add(inputs, Teacher, teacher.forward(batch), teacher);
            }
            if (Names.Contains("Labels")) inputs["Labels"] = labels;
            return inputs;
        }

        /// <summary>The four 90° rotations of every image, interleaved: row 4i + r is image i turned r times.</summary>
        public static Tensor Rotations(Tensor images)
        {
            using var scope = NewDisposeScope();
            var views = stack([images, images.rot90(1, (2, 3)), images.rot90(2, (2, 3)), images.rot90(3, (2, 3))], 1);
            return views.reshape(-1, images.shape[1], images.shape[2], images.shape[3]).MoveToOuterDisposeScope();
        }

        private void Add(Dictionary<string, Tensor> inputs, string role, ModelOutputs outputs, ConvNet model)
        {
            foreach (var tap in ModelOutputs.TapNames)
            {
                string name = InputNames.Of(role, tap);
                if (Names.Contains(name)) inputs[name] = Plain(outputs.Tap(tap)!);
            }
            string rotatedLogits = InputNames.Of(role, RotatedTaps[0]), rotatedProjection = InputNames.Of(role, RotatedTaps[1]);
            if (Names.Contains(rotatedLogits)) inputs[rotatedLogits] = outputs.Logits;
            if (Names.Contains(rotatedProjection)) inputs[rotatedProjection] = model.Project(outputs.Embedding);
            string logVar = InputNames.Of(role, "log_var");
            if (Names.Contains(logVar)) inputs[logVar] = model.LogVariance(Plain(outputs.Embedding));
        }

        private Tensor Plain(Tensor t) => NeedsRotation ? t.index_select(0, arange(0, t.shape[0], 4, device: t.device)) : t;

        private static IReadOnlyList<string> BuildSupported()
        {
            var names = new List<string> { "Labels", InputNames.Of(Student, "log_var") };
            foreach (var role in new[] { Student, Teacher })
                names.AddRange(ModelOutputs.TapNames.Concat(RotatedTaps).Select(tap => InputNames.Of(role, tap)));
            return names;
        }
    }
}
