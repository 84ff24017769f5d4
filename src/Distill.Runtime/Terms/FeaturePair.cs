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
            TermChecks.SameRows(context, teacherInput, teacher, studentInput, student.shape[0]);
            return (student, teacher);
        }
    }
}
