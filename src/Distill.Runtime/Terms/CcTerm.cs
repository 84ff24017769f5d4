using System;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// Correlation congruence: mean squared difference of the P-th order Taylor RBF kernels
    /// K = e^{−2γ}·Σₚ (2γ)ᵖ/p!·(UUᵀ)^∘p of the L2-normalised rows of student and teacher, or of their
    /// bilinear kernels UUᵀ (<c>kernel = bilinear</c>). The teacher is a constant unless
    /// <c>detach_teacher = false</c> (RepDistiller and torchdistill train the teacher-side embedding).
    /// </summary>
    [DistillTerm("cc", Gather = GatherMode.Global, Description = "Correlation congruence: MSE between Taylor-expanded Gaussian RBF kernels of the normalised features.",
        Paper = "Peng et al., Correlation Congruence for Knowledge Distillation, ICCV 2019; code: AberHu/Knowledge-Distillation-Zoo kd_losses/cc.py")]
    [TermInput("student", "embedding", TapParameter = "at", Description = "Student features N×… (flattened).")]
    [TermInput("teacher", "embedding", TapParameter = "at", Description = "Teacher features N×… (constant; width may differ).")]
    public sealed class CcTerm : FeatureTerm
    {
        /// <summary>
        /// The largest order P: each order costs two N×N operations a step, and past it the terms (2γ)ᵖ/p! are
        /// below float64's resolution of the sum for any γ the series is accurate at (at γ = 10, x ≤ 20: 20¹⁰⁰/100! ≈ 1e-28).
        /// </summary>
        public const int MaxOrder = 100;

        [TermParameter(Name = "gamma", Default = 0.4, Min = 0, MinExclusive = true, Description = "RBF scale γ.")]
        public double Gamma { get; set; } = 0.4;

        [TermParameter(Name = "p_order", Default = 2, Min = 0, Max = MaxOrder,
            Description = "Order P of the Taylor expansion (cost: two N×N operations per order).")]
        public int POrder { get; set; } = 2;

        [TermParameter(Name = "kernel", Default = CcKernel.Gaussian, Description = "gaussian: the Taylor RBF (gamma, p_order); bilinear: UUᵀ (ignores both).")]
        public CcKernel CorrelationKernel { get; set; } = CcKernel.Gaussian;

        [TermParameter(Name = "detach_teacher", Default = true, Description = "false: the gradient also reaches the teacher input (a trainable teacher-side embedding).")]
        public bool DetachTeacher { get; set; } = true;

        /// <summary>
        /// Whether float32/float64 CPU batches with a constant teacher go through the fused pass (<see cref="GramKernel.Cc{T}"/>,
        /// the default) or the tensor graph below; both give the same loss and gradient (the tests compare them).
        /// </summary>
        internal bool Fused { get; set; } = true;

        public override Tensor Forward(TermContext context)
        {
            var (student, teacher) = FeaturePair.Read(context, StudentInput, TeacherInput);
            using var serial = SerialScope.When(student.size(0) <= SerialScope.MaxRows);
            var unit = SharedWork.Normalized(context, StudentInput, student, constant: false);
            if (Fused && DetachTeacher && GramKernel.Applies(unit))
            {
                // Both sides' series are taken per element in the pass, from the two constant products ÛÛᵀ.
                var teacherUnit = SharedWork.Normalized(context, TeacherInput, teacher, constant: true);
                var teacherSimilarity = SharedWork.Gram(context, "l2normalize/" + TeacherInput, teacherUnit, constant: true);
                bool bilinear = CorrelationKernel == CcKernel.Bilinear;
                return GramKernel.Evaluate(unit, SharedWork.Gram(context, "l2normalize/" + StudentInput, unit, constant: true), (similarity, withGrad) => unit.dtype == ScalarType.Float32
                    ? GramKernel.Cc<float>(similarity, teacherSimilarity, Gamma, POrder, bilinear, withGrad)
                    : GramKernel.Cc<double>(similarity, teacherSimilarity, Gamma, POrder, bilinear, withGrad));
            }
            var ht = FeaturePair.TeacherSide(() => Correlation(SharedWork.Normalized(context, TeacherInput, teacher, constant: DetachTeacher)), DetachTeacher);
            var hs = Correlation(unit);
            if (CorrelationKernel == CcKernel.Bilinear) return functional.mse_loss(hs, ht);
            // K = e^{−2γ}·h on both sides, so mean((Ks − Kt)²) = e^{−4γ}·mean((hs − ht)²): one fused op and its backward.
            return functional.mse_loss(hs, ht).Times(Math.Exp(-4.0 * Gamma));
        }

        /// <summary>UUᵀ (bilinear), or the Taylor series h with K = e^{−2γ}·h (Gaussian).</summary>
        private Tensor Correlation(Tensor unit) => CorrelationKernel == CcKernel.Bilinear ? SerialScope.Product(unit, unit.t()) : Series(unit, Gamma, POrder);

        /// <summary>The kernel of already L2-normalised rows <paramref name="unit"/> (S^∘0 = 1 everywhere).</summary>
        public static Tensor Kernel(Tensor unit, double gamma, int pOrder) => Series(unit, gamma, pOrder).Times(Math.Exp(-2.0 * gamma));

        /// <summary>
        /// Σₚ (2γS)ᵖ/p! for p = 0…P by Horner's rule, 1 + x·(1 + x/2·(1 + x/3·(…))) with x = 2γ·UUᵀ: no ones
        /// tensors and two N×N operations per order. The in-place steps act on products autograd does not save.
        /// </summary>
        private static Tensor Series(Tensor unit, double gamma, int pOrder)
        {
            var x = SerialScope.Product(unit, unit.t()).TimesInPlace(2.0 * gamma);
            // P = 0: the constant kernel, still computed from x so the loss keeps a (zero) gradient.
            if (pOrder == 0) return x.Times(0.0).PlusInPlace(1.0);
            var h = x.Times(1.0 / pOrder).PlusInPlace(1.0);
            for (int p = pOrder - 1; p >= 1; p--)
                h = (x * h).TimesInPlace(1.0 / p).PlusInPlace(1.0);
            return h;
        }
    }
}
