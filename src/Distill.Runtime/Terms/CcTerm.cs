using System;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// Correlation congruence: mean squared difference of the P-th order Taylor RBF kernels
    /// K = e^{−2γ}·Σₚ (2γ)ᵖ/p!·(UUᵀ)^∘p of the L2-normalised rows of student and teacher.
    /// </summary>
    [DistillTerm("cc", Description = "Correlation congruence: MSE between Taylor-expanded Gaussian RBF kernels of the normalised features.",
        Paper = "Peng et al., Correlation Congruence for Knowledge Distillation, ICCV 2019; code: AberHu/Knowledge-Distillation-Zoo kd_losses/cc.py")]
    [TermInput("student", "embedding", TapParameter = "at", Description = "Student features N×… (flattened).")]
    [TermInput("teacher", "embedding", TapParameter = "at", Description = "Teacher features N×… (constant; width may differ).")]
    public sealed class CcTerm : FeatureTerm
    {
        [TermParameter(Name = "gamma", Default = 0.4, Min = 0, MinExclusive = true, Description = "RBF scale γ.")]
        public double Gamma { get; set; } = 0.4;

        [TermParameter(Name = "p_order", Default = 2, Min = 0, Description = "Order P of the Taylor expansion.")]
        public int POrder { get; set; } = 2;

        public override Tensor Forward(TermContext context)
        {
            var (student, teacher) = FeaturePair.Read(context, StudentInput, TeacherInput);
            Tensor kt;
            using (no_grad())
                kt = Kernel(SharedWork.Normalized(context, TeacherInput, teacher, constant: true), Gamma, POrder);
            var ks = Kernel(SharedWork.Normalized(context, StudentInput, student, constant: false), Gamma, POrder);
            var diff = ks - kt;
            return (diff * diff).mean();
        }

        /// <summary>The kernel of already L2-normalised rows <paramref name="unit"/> (S^∘0 = 1 everywhere).</summary>
        public static Tensor Kernel(Tensor unit, double gamma, int pOrder)
        {
            var s = unit.mm(unit.t());
            var k = ones_like(s);
            var term = ones_like(s);
            for (int p = 1; p <= pOrder; p++)
            {
                term = term * s * (2.0 * gamma / p);
                k = k + term;
            }
            return k * Math.Exp(-2.0 * gamma);
        }
    }
}
