using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>Reads and checks a student/teacher feature pair: flattened to N×(rest), same N.</summary>
    internal static class FeaturePair
    {
        public static (Tensor Student, Tensor Teacher) Read(TermContext context, string studentInput, string teacherInput, long minRows = 1)
        {
            var student = TermChecks.Features(context, studentInput, minRows);
            var teacher = TermChecks.Features(context, teacherInput, minRows);
            TermChecks.SameRows(context, teacherInput, teacher, studentInput, student.size(0));
            return (student, teacher);
        }

        /// <summary>
        /// The teacher side of a feature term: computed under no_grad when <paramref name="detach"/> (a constant),
        /// else with autograd, so the gradient reaches the teacher input (<c>detach_teacher = false</c>).
        /// </summary>
        public static Tensor TeacherSide(System.Func<Tensor> compute, bool detach)
        {
            if (!detach) return compute();
            using var _ = no_grad();
            return compute();
        }
    }
}
