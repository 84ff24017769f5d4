using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// RKD distance: mean smooth-L1 between the mean-normalised pairwise distance matrices of student and
    /// teacher, distances from the expansion ‖a‖²+‖b‖²−2a·b clamped at 1e-12 before the square root; with
    /// <c>squared = true</c> the clamped squared distances themselves (lenscloth/RKD <c>pdist(squared=True)</c>).
    /// </summary>
    [DistillTerm("rkd.distance", Gather = GatherMode.Global, Description = "Relational KD, distance potential: smooth-L1 between mean-normalised pairwise distances.",
        Paper = "Park et al., Relational Knowledge Distillation, CVPR 2019; code: lenscloth/RKD metric/loss.py RkdDistance")]
    [TermInput("student", "embedding", TapParameter = "at", Description = "Student features N×… (flattened).")]
    [TermInput("teacher", "embedding", TapParameter = "at", Description = "Teacher features N×… (constant; width may differ).")]
    public sealed class RkdDistanceTerm : FeatureTerm
    {
        /// <summary>The clamp on squared distances: duplicates get distance 1e-6, counted in the mean.</summary>
        public const double SquaredDistanceEps = 1e-12;

        [TermParameter(Name = "squared", Default = false, Description = "true: squared distances (pdist(squared=True) of lenscloth/RKD and torchdistill).")]
        public bool Squared { get; set; }

        /// <summary>
        /// Whether float32/float64 CPU batches go through the fused pass (<see cref="GramKernel.RkdDistance{T}"/>, the default)
        /// or the tensor graph below; both give the same loss and gradient (the tests compare them).
        /// </summary>
        internal bool Fused { get; set; } = true;

        public override Tensor Forward(TermContext context)
        {
            var (student, teacher) = FeaturePair.Read(context, StudentInput, TeacherInput, minRows: 2);
            using var serial = SerialScope.When(student.size(0) <= SerialScope.MaxRows);
            Tensor t;
            using (no_grad())
                t = MeanNormalized(SharedWork.Gram(context, TeacherInput, teacher, constant: true), Squared);
            if (Fused && GramKernel.Applies(student))
                return GramKernel.Evaluate(student, SharedWork.Gram(context, StudentInput, student, constant: true), (gram, withGrad) => student.dtype == ScalarType.Float32
                    ? GramKernel.RkdDistance<float>(gram, t, Squared, withGrad)
                    : GramKernel.RkdDistance<double>(gram, t, Squared, withGrad));
            var s = MeanNormalized(SharedWork.Gram(context, StudentInput, student, constant: false), Squared);
            return smooth_l1_loss(s, t, beta: 1.0);
        }

        /// <summary>
        /// Pairwise distances from a Gram matrix: sqrt(max(Gᵢᵢ+Gⱼⱼ−2Gᵢⱼ, 1e-12)), or the clamped square itself when
        /// <paramref name="squared"/>; diagonal exactly 0.
        /// </summary>
        public static Tensor Distances(Tensor gram, bool squared = false)
        {
            long n = gram.size(0);
            var sq = gram.diagonal();
            var d2 = (sq.unsqueeze(1).Plus(sq.unsqueeze(0)) - gram.Times(2.0)).AtLeast(SquaredDistanceEps);
            var diagonal = eye(n, dtype: ScalarType.Bool, device: gram.device);
            return (squared ? d2 : d2.sqrt()).FilledWhere(diagonal, 0.0);
        }

        /// <summary>Distances (or squared distances) divided by their mean over the N(N−1) off-diagonal entries (all positive after the clamp).</summary>
        public static Tensor MeanNormalized(Tensor gram, bool squared = false)
        {
            long n = gram.size(0);
            var d = Distances(gram, squared);
            return d * d.sum().reciprocal().Times(n * (n - 1)); // = (n(n−1) / Σd), as TorchSharp's double / Tensor computes it
        }
    }
}
