using System;
using System.Runtime.CompilerServices;
using TorchSharp;
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

        /// <summary>
        /// Whether contiguous float32/float64 CPU batches go through the fused pass (one log-softmax per side and the
        /// per-element KL with its gradient T/N·(q − p) in one host pass, the default) or the tensor graph below; both give
        /// the same loss and gradient (the tests compare them).
        /// </summary>
        internal bool Fused { get; set; } = true;

        public override Tensor Forward(TermContext context)
        {
            var student = TermChecks.Matrix(context, "StudentLogits");
            var teacher = TermChecks.Matrix(context, "TeacherLogits");
            TermChecks.SameShape(context, "TeacherLogits", teacher, "StudentLogits", student);
            using var serial = SerialScope.When(student.size(0) <= SerialScope.MaxRows);
            if (Fused && HostArrays.IsHostFloat(student))
                return student.dtype == ScalarType.Float32 ? FusedLoss<float>(context, student, teacher) : FusedLoss<double>(context, student, teacher);
            var logP = SharedWork.ConstantLogProbabilities(context, "TeacherLogits", teacher, T);
            var logQ = student.Over(T).log_softmax(1);
            return TermMath.KlSumLog(logP, logQ).Times(T * T / student.size(0));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Tensor FusedLoss<TValue>(TermContext context, Tensor student, Tensor teacher) where TValue : unmanaged, System.Numerics.IFloatingPointIeee754<TValue>
        {
            int n = (int)student.size(0), classes = (int)student.size(1);
            bool withGrad = student.requires_grad && is_grad_enabled();
            TValue invT = TValue.One / TValue.CreateChecked(T), scale = TValue.CreateChecked(T / n);
            var (teacherLogP, teacherP) = SharedWork.ConstantLogSoftmaxOnHost<TValue>(context, "TeacherLogits", teacher, T);
            Tensor value, gradient;
            using (no_grad())
            {
                var s = HostArrays.Read<TValue>(student);
                gradient = withGrad ? empty([n, classes], student.dtype, student.device) : empty(0, student.dtype);
                var g = withGrad ? HostArrays.Span<TValue>(gradient) : default;
                var lq = new TValue[classes];
                var q = new TValue[classes];
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    Rows.LogSoftmax(s.Slice(i * classes, classes), invT, lq, q);
                    sum += Rows.Kl<TValue>(teacherLogP.AsSpan(i * classes, classes), teacherP.AsSpan(i * classes, classes), lq, q,
                        withGrad ? g.Slice(i * classes, classes) : default, scale);
                }
                value = HostArrays.Scalar(sum * (T * T / n), student);
            }
            return withGrad ? TermMath.WithGradient(value, student, gradient) : value;
        }
    }
}
