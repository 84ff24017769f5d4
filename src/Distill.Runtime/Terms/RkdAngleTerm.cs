using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// RKD angle: 1/N³·Σᵢⱼₖ huber(ψ(s)ᵢⱼₖ − ψ(t)ᵢⱼₖ) with ψᵢⱼₖ = normalize(eⱼ − eᵢ)·normalize(eₖ − eᵢ), all N³
    /// triplets included. Computed from pairwise distances with a hand-derived gradient (<see cref="RkdAngleMath"/>):
    /// no N×N×D tensor, same values as the textbook form. The gradient G = dL/ds enters autograd as
    /// L + Σ (s − detach(s))·G, whose value is exactly L (s − detach(s) is exactly 0) and whose gradient is G.
    /// </summary>
    [DistillTerm("rkd.angle", Gather = GatherMode.Global, Description = "Relational KD, angle potential: smooth-L1 between the cosines of all triplet angles.",
        Paper = "Park et al., Relational Knowledge Distillation, CVPR 2019; code: lenscloth/RKD metric/loss.py RKdAngle")]
    [TermInput("student", "embedding", TapParameter = "at", Description = "Student features N×… (flattened).")]
    [TermInput("teacher", "embedding", TapParameter = "at", Description = "Teacher features N×… (constant; width may differ).")]
    public sealed class RkdAngleTerm : FeatureTerm
    {
        [TermParameter(Name = "chunk", Default = 0, Min = 0,
            Description = "0: fused CPU loop (O(N²) memory), or automatic blocks elsewhere; k > 0: blocks of k anchors (memory ≈ k·N² elements).")]
        public int Chunk { get; set; }

        public override Tensor Forward(TermContext context)
        {
            var (student, teacher) = FeaturePair.Read(context, StudentInput, TeacherInput, minRows: 2);
            var teacherDistances = context.Shared("rkd.angle/distances/" + TeacherInput, () =>
            {
                using var _ = no_grad();
                return RkdAngleMath.Distances(teacher.detach());
            });
            bool withGrad = student.requires_grad && is_grad_enabled();
            Tensor loss;
            Tensor? grad;
            using (no_grad())
                (loss, grad) = RkdAngleMath.Evaluate(student.detach(), teacherDistances, Chunk, withGrad);
            if (grad is null) return loss;
            return TermMath.WithGradient(loss, student, grad);
        }
    }
}
