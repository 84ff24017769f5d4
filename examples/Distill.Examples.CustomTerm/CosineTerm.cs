using System.Linq;
using Distill.Dsl.Catalogue;
using Distill.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Examples.CustomTerm
{
    /// <summary>
    /// Cosine feature distillation: the mean over rows of 1 − cos(sᵢ, tᵢ), with each norm clamped
    /// at <see cref="Eps"/>. Student and teacher features must have the same width (project one
    /// side first if they differ); the teacher is a constant.
    /// </summary>
    [DistillTerm("cosine", Description = "Mean over rows of 1 − cos(student, teacher).")]
    [TermInput("student", "embedding", TapParameter = "at", Description = "Student features N×D.")]
    [TermInput("teacher", "embedding", TapParameter = "at", Description = "Teacher features N×D (constant).")]
    public sealed class CosineTerm : LossTerm
    {
        [TermParameter(Name = "at", Default = "embedding", Description = "The feature tap the term reads.")]
        public string At { get; set; } = "embedding";

        [TermParameter(Name = "eps", Default = 1e-8, Min = 0, MinExclusive = true, Description = "Clamp on each row's norm.")]
        public double Eps { get; set; } = 1e-8;

        public override Tensor Forward(TermContext context)
        {
            var student = context.Input("student", At);
            var teacher = context.Input("teacher", At).detach();
            if (student.dim() != 2 || !student.shape.SequenceEqual(teacher.shape))
                throw context.Error(InputNames.Of("teacher", At),
                    $"expected the student's shape [{string.Join(", ", student.shape)}], got [{string.Join(", ", teacher.shape)}].");
            var dot = (student * teacher).sum(1);
            var norms = linalg.vector_norm(student, 2, [1]).clamp_min(Eps) * linalg.vector_norm(teacher, 2, [1]).clamp_min(Eps);
            return (1.0 - dot / norms).mean();
        }
    }
}
