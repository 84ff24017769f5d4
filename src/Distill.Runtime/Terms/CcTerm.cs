using System;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// Correlation congruence: mean squared difference of the P-th order Taylor RBF kernels
    /// K = e^{−2γ}·Σₚ (2γ)ᵖ/p!·(UUᵀ)^∘p of the L2-normalised rows of student and teacher.
    /// </summary>
    [DistillTerm("cc", Gather = GatherMode.Global, Description = "Correlation congruence: MSE between Taylor-expanded Gaussian RBF kernels of the normalised features.",
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
            Tensor ht;
            using (no_grad())
                ht = Series(SharedWork.Normalized(context, TeacherInput, teacher, constant: true), Gamma, POrder);
            var hs = Series(SharedWork.Normalized(context, StudentInput, student, constant: false), Gamma, POrder);
            // K = e^{−2γ}·h on both sides, so mean((Ks − Kt)²) = e^{−4γ}·mean((hs − ht)²): one fused op and its backward.
            return functional.mse_loss(hs, ht) * Math.Exp(-4.0 * Gamma);
        }

        /// <summary>The kernel of already L2-normalised rows <paramref name="unit"/> (S^∘0 = 1 everywhere).</summary>
        public static Tensor Kernel(Tensor unit, double gamma, int pOrder) => Series(unit, gamma, pOrder) * Math.Exp(-2.0 * gamma);

        /// <summary>
        /// Σₚ (2γS)ᵖ/p! for p = 0…P by Horner's rule, 1 + x·(1 + x/2·(1 + x/3·(…))) with x = 2γ·UUᵀ: no ones
        /// tensors and two N×N operations per order. The in-place steps act on products autograd does not save.
        /// </summary>
        private static Tensor Series(Tensor unit, double gamma, int pOrder)
        {
            var x = unit.mm(unit.t()).mul_(2.0 * gamma);
            if (pOrder == 0) return ones_like(x);
            var h = x.mul(1.0 / pOrder).add_(1.0);
            for (int p = pOrder - 1; p >= 1; p--)
                h = (x * h).mul_(1.0 / p).add_(1.0);
            return h;
        }
    }
}
