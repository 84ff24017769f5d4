using System;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// PAD-L2: per sample 1/D·Σ_d [(t−s)²/(eps + e^v) + v] with the log-variance v from a variance branch
    /// (<see cref="PadVarianceBranch"/>), N×D or N×1; then the mean (or sum) over samples.
    /// </summary>
    [DistillTerm("pad", Description = "Prime-aware adaptive distillation: variance-weighted L2 with a learned log-variance.",
        Paper = "Zhang et al., Prime-Aware Adaptive Distillation, ECCV 2020; code: yoshitomo-matsubara/torchdistill PADL2Loss")]
    [TermInput("student", "embedding", TapParameter = "at", Description = "Student features N×… (flattened to N×D).")]
    [TermInput("teacher", "embedding", TapParameter = "at", Description = "Teacher features N×… (constant; same width).")]
    [TermInput("student", "log_var", Description = "Log-variance N×D or N×1 from the variance branch.")]
    public sealed class PadTerm : FeatureTerm
    {
        [TermParameter(Name = "eps", Default = 1e-6, Min = 0, MinExclusive = true, Description = "Added to the variance.")]
        public double Eps { get; set; } = 1e-6;

        [TermParameter(Name = "reduction", Default = PadReduction.Mean, Description = "Mean or sum of the per-sample losses.")]
        public PadReduction Reduction { get; set; } = PadReduction.Mean;

        public override Tensor Forward(TermContext context)
        {
            var (student, teacher) = FeaturePair.Read(context, StudentInput, TeacherInput);
            TermChecks.SameShape(context, TeacherInput, teacher, StudentInput, student);
            var logVar = TermChecks.Matrix(context, "StudentLogVar");
            long n = student.size(0), d = student.size(1);
            if (logVar.size(0) != n || (logVar.size(1) != d && logVar.size(1) != 1))
                throw context.Error("StudentLogVar", $"expected shape [{n}, {d}] or [{n}, 1], got {TermChecks.Shape(logVar)}.");
            var diff = teacher.detach() - student;
            // 1/(eps + e^v) as sigmoid(ln eps − v)/eps: the same value, but no e^v to overflow, so where e^v is
            // Inf in float32 (v ≳ 88.7) the gradient is 0·diff² rather than Inf/Inf = NaN.
            var inverseVariance = logVar.neg().Plus(Math.Log(Eps)).sigmoid().Times(1.0 / Eps);
            var perSample = (diff * diff * inverseVariance).Plus(logVar).mean([1]);
            return Reduction == PadReduction.Sum ? perSample.sum() : perSample.mean();
        }
    }
}
