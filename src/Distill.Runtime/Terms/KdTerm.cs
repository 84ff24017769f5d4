using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>Hinton KD: T²/N · Σᵢ KL(softmax(tᵢ/T) ‖ softmax(sᵢ/T)), divided by N only.</summary>
    [DistillTerm("kd", Description = "Hinton knowledge distillation: T²/N·Σ KL(softmax(t/T) ‖ softmax(s/T)).",
        Paper = "Hinton et al., Distilling the Knowledge in a Neural Network (2015); code: HobbitLong/RepDistiller distiller_zoo/KD.py")]
    [TermInput("student", "logits", Description = "Student logits N×C.")]
    [TermInput("teacher", "logits", Description = "Teacher logits N×C (constant).")]
    public sealed class KdTerm : LossTerm
    {
        [TermParameter(Name = "T", Default = 4.0, Min = 0, MinExclusive = true, Description = "Softmax temperature.")]
        public double T { get; set; } = 4;

        public override Tensor Forward(TermContext context)
        {
            var student = TermChecks.Matrix(context, "StudentLogits");
            var teacher = TermChecks.Matrix(context, "TeacherLogits");
            TermChecks.SameShape(context, "TeacherLogits", teacher, "StudentLogits", student);
            var logP = SharedWork.ConstantLogProbabilities(context, "TeacherLogits", teacher, T);
            var logQ = (student / T).log_softmax(1);
            return TermMath.KlSumLog(logP, logQ) * (T * T / student.shape[0]);
        }
    }
}
