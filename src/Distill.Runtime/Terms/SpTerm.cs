using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>Similarity-preserving KD: ‖rowL2norm(T·Tᵀ) − rowL2norm(S·Sᵀ)‖²_F / N² (RepDistiller's L2 row norm).</summary>
    [DistillTerm("sp", Gather = GatherMode.Global, Description = "Similarity preserving: squared Frobenius distance of row-L2-normalised batch Gram matrices over N².",
        Paper = "Tung & Mori, Similarity-Preserving Knowledge Distillation, ICCV 2019; code: HobbitLong/RepDistiller distiller_zoo/SP.py")]
    [TermInput("student", "embedding", TapParameter = "at", Description = "Student features N×… (flattened).")]
    [TermInput("teacher", "embedding", TapParameter = "at", Description = "Teacher features N×… (constant; width may differ).")]
    public sealed class SpTerm : FeatureTerm
    {
        public override Tensor Forward(TermContext context)
        {
            var (student, teacher) = FeaturePair.Read(context, StudentInput, TeacherInput);
            long n = student.shape[0];
            Tensor t;
            using (no_grad())
                t = TermMath.L2Normalize(SharedWork.Gram(context, TeacherInput, teacher, constant: true));
            var s = TermMath.L2Normalize(SharedWork.Gram(context, StudentInput, student, constant: false));
            var diff = t - s;
            return (diff * diff).sum() / (double)(n * n);
        }
    }
}
