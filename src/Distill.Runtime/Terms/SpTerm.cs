using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// Similarity-preserving KD: ‖rowL2norm(T·Tᵀ) − rowL2norm(S·Sᵀ)‖²_F / N² (RepDistiller's L2 row norm). The
    /// teacher is a constant unless <c>detach_teacher = false</c>.
    /// </summary>
    [DistillTerm("sp", Gather = GatherMode.Global, Description = "Similarity preserving: squared Frobenius distance of row-L2-normalised batch Gram matrices over N².",
        Paper = "Tung & Mori, Similarity-Preserving Knowledge Distillation, ICCV 2019; code: HobbitLong/RepDistiller distiller_zoo/SP.py")]
    [TermInput("student", "embedding", TapParameter = "at", Description = "Student features N×… (flattened).")]
    [TermInput("teacher", "embedding", TapParameter = "at", Description = "Teacher features N×… (constant; width may differ).")]
    public sealed class SpTerm : FeatureTerm
    {
        [TermParameter(Name = "detach_teacher", Default = true, Description = "false: the gradient also reaches the teacher input (a trainable teacher-side feature).")]
        public bool DetachTeacher { get; set; } = true;

        /// <summary>
        /// Whether float32/float64 CPU batches with a constant teacher go through the fused pass (<see cref="GramKernel.Sp{T}"/>,
        /// the default) or the tensor graph below; both give the same loss and gradient (the tests compare them).
        /// </summary>
        internal bool Fused { get; set; } = true;

        public override Tensor Forward(TermContext context)
        {
            var (student, teacher) = FeaturePair.Read(context, StudentInput, TeacherInput);
            using var serial = SerialScope.When(student.size(0) <= SerialScope.MaxRows);
            if (Fused && DetachTeacher && GramKernel.Applies(student))
            {
                // The teacher's rows are normalised in the pass too: only the two constant Grams come from libtorch.
                var teacherGram = SharedWork.Gram(context, TeacherInput, teacher, constant: true);
                return GramKernel.Evaluate(student, SharedWork.Gram(context, StudentInput, student, constant: true), (gram, withGrad) => student.dtype == ScalarType.Float32
                    ? GramKernel.Sp<float>(gram, teacherGram, withGrad)
                    : GramKernel.Sp<double>(gram, teacherGram, withGrad));
            }
            var t = FeaturePair.TeacherSide(() => TermMath.L2Normalize(SharedWork.Gram(context, TeacherInput, teacher, constant: DetachTeacher)), DetachTeacher);
            var s = TermMath.L2Normalize(SharedWork.Gram(context, StudentInput, student, constant: false));
            // ‖t − s‖²_F / N² is the mean over the N² entries: one fused mse_loss and its backward.
            return nn.functional.mse_loss(s, t);
        }
    }
}
