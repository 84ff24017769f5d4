using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// SSKD's transformation and self-supervision parts, tf_weight·L_tf + ss_weight·L_ss, on the interleaved
    /// rotated batch (row 4i + r = image i rotated by r·90°; see <see cref="SskdBatch"/>). Both KLs keep only
    /// the augmented rows the teacher ranks well: all rows ranked 0 plus ⌊wrong·ratio⌋ of the others by a
    /// stable sort on the rank (ties → lower row), and are averaged over the kept rows (0 if none).
    /// </summary>
    [DistillTerm("sskd", Gather = GatherMode.Global, Description = "Self-supervised KD: teacher-filtered KL on rotated views and on their contrastive similarities.",
        Paper = "Xu et al., Knowledge Distillation Meets Self-Supervision, ECCV 2020; code: xuguodong03/SSKD student.py")]
    [TermInput("student", "rotated_logits", Description = "Student logits of the 4B-row rotated batch.")]
    [TermInput("teacher", "rotated_logits", Description = "Teacher logits of the rotated batch (constant).")]
    [TermInput("student", "rotated_projection", Description = "Student self-supervision head output, 4B×D.")]
    [TermInput("teacher", "rotated_projection", Description = "Teacher self-supervision head output, 4B×D (constant).")]
    [TermInput("", "labels", ClassIndices = true, Description = "Label of each image, int64 [B].")]
    public sealed class SskdTerm : LossTerm
    {
        /// <summary>The per-vector norm clamp of <c>F.cosine_similarity</c>.</summary>
        public const double CosineEps = 1e-8;

        [TermParameter(Name = "topk", Default = 0.75, Min = 0, Max = 1, Description = "ratio_ss: share of wrongly ranked similarity rows kept (0: only the rows the teacher ranks first).")]
        public double TopK { get; set; } = 0.75;

        [TermParameter(Name = "T", Default = 0.5, Min = 0, MinExclusive = true, Description = "ss_T: temperature of the similarity KL.")]
        public double T { get; set; } = 0.5;

        [TermParameter(Name = "tf_topk", Default = 1.0, Min = 0, Max = 1, Description = "ratio_tf: share of wrongly classified rotated rows kept (0: only the rows the teacher classifies correctly).")]
        public double TfTopK { get; set; } = 1;

        [TermParameter(Name = "tf_T", Default = 4.0, Min = 0, MinExclusive = true, Description = "Temperature of the rotated-view KL.")]
        public double TfT { get; set; } = 4;

        [TermParameter(Name = "tf_weight", Default = 2.7, Min = 0, Description = "Weight of L_tf.")]
        public double TfWeight { get; set; } = 2.7;

        [TermParameter(Name = "ss_weight", Default = 10.0, Min = 0, Description = "Weight of L_ss.")]
        public double SsWeight { get; set; } = 10;

        /// <summary>
        /// Whether float32/float64 CPU batches go through the fused pass (<see cref="SskdKernel"/>, the default) or the
        /// tensor graph of <see cref="Parts"/>; both give the same loss, kept sets and gradients (the tests compare them).
        /// </summary>
        internal bool Fused { get; set; } = true;

        public override Tensor Forward(TermContext context)
        {
            var inputs = Read(context);
            if (Fused && HostArrays.IsHostFloat(inputs.StudentLogits))
                return inputs.StudentLogits.dtype == ScalarType.Float32 ? FusedLoss<float>(inputs) : FusedLoss<double>(inputs);
            var parts = PartsOf(context, inputs);
            return parts.Tf.Times(TfWeight).Plus(parts.Ss.Times(SsWeight));
        }

        /// <summary>The checked inputs: rotated logits of both sides, projections of both sides, labels.</summary>
        private readonly record struct Inputs(Tensor StudentLogits, Tensor TeacherLogits, Tensor StudentSs, Tensor TeacherSs, Tensor Labels);

        private static Inputs Read(TermContext context)
        {
            var studentLogits = TermChecks.Matrix(context, "StudentRotatedLogits");
            long rows = studentLogits.size(0);
            if (rows == 0 || rows % 4 != 0)
                throw context.Error("StudentRotatedLogits", $"expected 4B rows (4 rotations per image, row 4i + r), got {TermChecks.Shape(studentLogits)}.");
            var teacherLogits = TermChecks.Matrix(context, "TeacherRotatedLogits");
            TermChecks.SameShape(context, "TeacherRotatedLogits", teacherLogits, "StudentRotatedLogits", studentLogits);
            var studentSs = TermChecks.Features(context, "StudentRotatedProjection");
            var teacherSs = TermChecks.Features(context, "TeacherRotatedProjection");
            TermChecks.SameRows(context, "StudentRotatedProjection", studentSs, "StudentRotatedLogits", rows);
            TermChecks.SameRows(context, "TeacherRotatedProjection", teacherSs, "StudentRotatedLogits", rows);
            var labels = TermChecks.Labels(context, "Labels", rows / 4, studentLogits.size(1));
            return new Inputs(studentLogits, teacherLogits, studentSs, teacherSs, labels);
        }

        /// <summary>
        /// L = tf_weight·L_tf + ss_weight·L_ss from <see cref="SskdKernel"/>, entering autograd through the student logits
        /// (dL/ds on the kept augmented rows) and the student's normalised projections (dL/dÛ = G·Û_normal for augmented
        /// rows, Gᵀ·Û_aug for normal rows, G = dL/dSim) taken back through the normalisation on the host
        /// (<see cref="GramKernel.NormalizeBackward{T}"/>), so backward is one multiply per input.
        /// </summary>
        private Tensor FusedLoss<TValue>(Inputs inputs) where TValue : unmanaged, System.Numerics.IFloatingPointIeee754<TValue>
        {
            var (studentLogits, teacherLogits, studentSs, teacherSs, labels) = inputs;
            long rows = studentLogits.size(0), images = rows / 4, classes = studentLogits.size(1);
            using var serial = SerialScope.When(rows <= SerialScope.MaxRows);
            bool logitsGrad = studentLogits.requires_grad && is_grad_enabled();
            bool unitGrad = studentSs.requires_grad && is_grad_enabled();
            Tensor value, logitsGradient, simGradient;
            using (no_grad())
            {
                var features = studentSs.detach().contiguous();
                var s = nn.functional.normalize(features, 2.0, 1, CosineEps);
                var simStudent = SerialScope.Product(SskdBatch.AugmentedRows(s), SskdBatch.NormalRows(s).t());
                var simTeacher = Similarities(teacherSs.detach());
                var logitsS = studentLogits.detach().contiguous();
                var logitsT = teacherLogits.detach().contiguous();
                logitsGradient = logitsGrad ? empty_like(logitsS) : empty(0, logitsS.dtype);
                simGradient = unitGrad ? empty_like(simStudent) : empty(0, simStudent.dtype);
                var tf = SskdKernel.Transformation(HostArrays.Span<TValue>(logitsS), HostArrays.Span<TValue>(logitsT), HostArrays.Read<long>(labels),
                    (int)classes, TfT, TfTopK, TfWeight, logitsGrad ? HostArrays.Span<TValue>(logitsGradient) : default);
                var ss = SskdKernel.Similarity(HostArrays.Span<TValue>(simStudent), HostArrays.Read<TValue>(simTeacher), (int)images, T, TopK, SsWeight,
                    unitGrad ? HostArrays.Span<TValue>(simGradient) : default);
                value = HostArrays.Scalar(TfWeight * tf.Loss + SsWeight * ss.Loss, studentLogits);
                if (unitGrad)
                {
                    var gradUnit = zeros_like(s);
                    SskdBatch.NormalRows(gradUnit).copy_(SerialScope.Product(simGradient.t(), SskdBatch.AugmentedRows(s)));
                    SskdBatch.AugmentedRowsView(gradUnit).copy_(SerialScope.Product(simGradient, SskdBatch.NormalRows(s)).reshape(images, 3, -1));
                    GramKernel.NormalizeBackward(HostArrays.Span<TValue>(features), HostArrays.Span<TValue>(s), HostArrays.Span<TValue>(gradUnit), (int)features.size(1), CosineEps);
                    simGradient = gradUnit;
                }
            }
            if (logitsGrad) value = TermMath.WithGradient(value, studentLogits, logitsGradient);
            if (unitGrad) value = TermMath.WithGradient(value, studentSs, simGradient);
            return value;
        }

        /// <summary>Both filtered losses and the kept rows, from the context's inputs.</summary>
        public SskdParts Parts(TermContext context) => PartsOf(context, Read(context));

        private SskdParts PartsOf(TermContext context, Inputs inputs)
        {
            var (studentLogits, teacherLogits, studentSs, teacherSs, labels) = inputs;
            long rows = studentLogits.size(0);

            var logPTeacher = SskdBatch.AugmentedRows(SharedWork.ConstantLogProbabilities(context, "TeacherRotatedLogits", teacherLogits, TfT));
            var logQ = SskdBatch.AugmentedRows(studentLogits.Over(TfT).log_softmax(1));
            Tensor keepTf;
            using (no_grad())
            {
                var pTeacher = SskdBatch.AugmentedRows(SharedWork.ConstantProbabilities(context, "TeacherRotatedLogits", teacherLogits, TfT));
                keepTf = Keep(TargetRank(pTeacher, labels.repeat_interleave(3L)), TfTopK);
            }
            var tf = FilteredKl(logPTeacher, logQ, keepTf, TfT);

            var simStudent = Similarities(studentSs);
            Tensor logPSim, keepSs;
            using (no_grad())
            {
                var simTeacher = Similarities(teacherSs.detach());
                var images = Scalars.Range(rows / 4, ScalarType.Int64, simTeacher.device).repeat_interleave(3L);
                keepSs = Keep(TargetRank(simTeacher, images), TopK);
                logPSim = simTeacher.Over(T).log_softmax(1);
            }
            var ss = FilteredKl(logPSim, simStudent.Over(T).log_softmax(1), keepSs, T);
            return new SskdParts(tf, ss, keepTf, keepSs);
        }

        /// <summary>Cosine similarities (eps 1e-8 per vector) of each augmented row with every normal row: 3B×B.</summary>
        public static Tensor Similarities(Tensor projections)
        {
            var unit = nn.functional.normalize(projections, 2.0, 1, CosineEps);
            return SerialScope.Product(SskdBatch.AugmentedRows(unit), SskdBatch.NormalRows(unit).t());
        }

        /// <summary>Rank of the target column per row: the number of entries strictly greater than the target's.</summary>
        public static Tensor TargetRank(Tensor scores, Tensor target)
        {
            var t = scores.gather(1, target.unsqueeze(1));
            return scores.gt(t).sum([1]);
        }

        /// <summary>
        /// The kept rows, ascending: all rows of rank 0 plus the first ⌊wrong·ratio⌋ others of a stable
        /// ascending sort by rank (ratio 0 keeps exactly the rank-0 rows). Reads the count of rank-0 rows
        /// from the device.
        /// </summary>
        public static Tensor Keep(Tensor rank, double ratio)
        {
            long total = rank.size(0);
            long correct = rank.EqualTo(0).sum().item<long>();
            long keep = correct + (long)Math.Truncate((total - correct) * ratio);
            var order = rank.sort(0, false, true).Indices.narrow(0, 0, keep);
            return order.sort(0, false, true).Values;
        }

        /// <summary>
        /// T²/max(|kept|, 1)·Σ_{k∈kept} KL(p_k ‖ q_k) from log probabilities, per element (exact when the
        /// rows agree). No kept row gives an empty sum: 0, still connected to <paramref name="logQ"/>.
        /// </summary>
        private static Tensor FilteredKl(Tensor logP, Tensor logQ, Tensor kept, double temperature) =>
            TermMath.KlSumLog(logP.index_select(0, kept), logQ.index_select(0, kept))
                .Times(temperature * temperature / Math.Max(kept.size(0), 1));
    }
}
