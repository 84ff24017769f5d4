using System;
using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Distill.Runtime.Terms
{
    /// <summary>Cross-entropy of the student logits against the labels (mean over rows), with optional label smoothing.</summary>
    [DistillTerm("ce", Description = "Cross-entropy with the labels, mean over rows (torch cross_entropy semantics).")]
    [TermInput("student", "logits", Description = "Student logits N×C.")]
    [TermInput("", "labels", ClassIndices = true, Description = "Class index of each row, int64 [N].")]
    public sealed class CeTerm : LossTerm
    {
        [TermParameter(Name = "label_smoothing", Default = 0.0, Min = 0, Max = 1,
            Description = "ε in [0, 1] (torch's range): targets become (1−ε)·onehot + ε/C.")]
        public double LabelSmoothing { get; set; }

        /// <summary>
        /// Whether float32/float64 CPU batches go through the fused pass (log-softmax, loss and dL/ds = (q − target)/N in
        /// one host pass per row, the default) or torch's <c>cross_entropy</c>; both give the same loss and gradient
        /// (the tests compare them). The fused pass leaves autograd a single multiply to do in backward, where
        /// cross_entropy's log_softmax backward opens a parallel region.
        /// </summary>
        internal bool Fused { get; set; } = true;

        public override Tensor Forward(TermContext context)
        {
            var logits = TermChecks.Matrix(context, "StudentLogits");
            // The labels come from the data set and define the batch; rows that differ are the logits' fault.
            var labels = TermChecks.Labels(context, "Labels", rows: null, logits.size(1));
            TermChecks.SameRows(context, "StudentLogits", logits, "Labels", labels.size(0));
            using var serial = SerialScope.When(logits.size(0) <= SerialScope.MaxRows);
            if (Fused && HostArrays.IsHostFloat(logits))
                return logits.dtype == ScalarType.Float32 ? FusedLoss<float>(logits, labels) : FusedLoss<double>(logits, labels);
            return cross_entropy(logits, labels, label_smoothing: LabelSmoothing);
        }

        /// <summary>
        /// Σᵢ [−(1−ε)·log qᵢ,yᵢ − ε/C·Σ_c log qᵢc] / N with log q = log_softmax(s) (torch's label smoothing), and its
        /// gradient (qᵢc − (1−ε)·[c = yᵢ] − ε/C) / N.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Tensor FusedLoss<T>(Tensor logits, Tensor labels) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            int n = (int)logits.size(0), classes = (int)logits.size(1);
            bool withGrad = logits.requires_grad && is_grad_enabled();
            double eps = LabelSmoothing;
            Tensor value, gradient;
            using (no_grad())
            {
                var s = HostArrays.Read<T>(logits);
                var y = HostArrays.Read<long>(labels);
                gradient = withGrad ? empty([n, classes], logits.dtype, logits.device) : empty(0, logits.dtype);
                var g = withGrad ? HostArrays.Span<T>(gradient) : default;
                var lq = eps == 0 ? [] : new T[classes];
                T smooth = T.CreateChecked(eps / classes * (1.0 / n)), hit = T.CreateChecked((1.0 - eps) / n), invN = T.CreateChecked(1.0 / n);
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    // With a gradient, the row's softmax / N goes straight into it; the targets are subtracted after.
                    var row = withGrad ? g.Slice(i * classes, classes) : default;
                    var x = s.Slice(i * classes, classes);
                    int label = (int)y[i];
                    double rowSum = 0, picked;
                    if (eps == 0)
                    {
                        // Only log q at the label is needed: the same (x − max) − log Σ as the log-softmax computes there.
                        var (max, logSum) = Rows.Softmax<T>(x, row, invN);
                        picked = double.CreateChecked(x[label] - max - logSum);
                    }
                    else
                    {
                        Rows.LogSoftmax(x, T.One, lq, row, invN);
                        foreach (var v in lq) rowSum += double.CreateChecked(v);
                        picked = double.CreateChecked(lq[label]);
                    }
                    sum -= (1.0 - eps) * picked + eps / classes * rowSum;
                    if (!withGrad) continue;
                    if (eps != 0) for (int c = 0; c < classes; c++) row[c] -= smooth;
                    row[label] -= hit;
                }
                value = HostArrays.Scalar(sum / n, logits);
            }
            return withGrad ? TermMath.WithGradient(value, logits, gradient) : value;
        }
    }
}
