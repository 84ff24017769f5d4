using System.Runtime.CompilerServices;
using Distill.Dsl.Catalogue;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// BAKE self-distillation: soft targets Q = (1−ω)(I − ωA)⁻¹·softmax(z/T) ensembled over the batch by the
    /// feature affinity A (computed by a linear solve, under no_grad), then λ·T²/N·Σᵢ KL(Qᵢ ‖ softmax(zᵢ/T)).
    /// </summary>
    [DistillTerm("bake", Gather = GatherMode.Global, Description = "Batch knowledge ensembling: KL to soft targets propagated over the batch's feature affinities.",
        Paper = "Ge et al., Self-distillation with Batch Knowledge Ensembling Improves ImageNet Classification (2021); code: yxgeee/BAKE small_scale/train.py")]
    [TermInput("student", "logits", Description = "Student logits N×C.")]
    [TermInput("student", "embedding", TapParameter = "at", Description = "Student features N×… (used detached for the affinity).")]
    public sealed class BakeTerm : LossTerm
    {
        /// <summary>The value subtracted on the affinity diagonal (finite, so N = 1 gives A = [[1]]).</summary>
        public const double DiagonalMask = 1e9;

        [TermParameter(Name = "T", Default = 4.0, Min = 0, MinExclusive = true, Description = "Softmax temperature.")]
        public double T { get; set; } = 4;

        [TermParameter(Name = "omega", Default = 0.5, Min = 0, Max = 1, MaxExclusive = true, Description = "Propagation factor ω.")]
        public double Omega { get; set; } = 0.5;

        [TermParameter(Name = "weight", Default = 1.0, Min = 0, Description = "λ, multiplies the loss.")]
        public double Weight { get; set; } = 1;

        [TermParameter(Name = "at", Default = "embedding", Description = "The feature tap the affinity is built from (Student⟨at⟩).")]
        public string At { get; set; } = "embedding";

        public override Tensor Forward(TermContext context)
        {
            string featuresInput = InputNames.Of("student", At);
            var logits = TermChecks.Matrix(context, "StudentLogits");
            var features = TermChecks.Features(context, featuresInput);
            TermChecks.SameRows(context, featuresInput, features, "StudentLogits", logits.size(0));
            // One thread up to 256 rows, the solve included (N = 256 with linalg.solve, alternating runs: 1.9–2.5 ms against 2.6–2.9 ms).
            using var serial = SerialScope.When(logits.size(0) <= SerialScope.MaxRows);
            Tensor q;
            using (no_grad())
            {
                var p = SharedWork.ConstantProbabilities(context, "StudentLogits", logits, T);
                var unit = SharedWork.Normalized(context, featuresInput, features, constant: true);
                q = Fused && HostArrays.IsHostFloat(logits)
                    ? PropagateOnHost(Affinity(unit), p, Omega)
                    : Propagate(Affinity(unit), p, Omega);
            }
            Tensor loss;
            if (Fused && HostArrays.IsHostFloat(logits))
                loss = logits.dtype == ScalarType.Float32 ? FusedKl<float>(logits, q) : FusedKl<double>(logits, q);
            else
                loss = TermMath.KlSum(q, logits.Over(T).log_softmax(1)).Times(Weight * T * T / logits.size(0));
            // The features enter only as constants; a zero gradient keeps backward() working when they alone require grad.
            return features.requires_grad ? loss.Plus(TermMath.ZeroGradientTo(features)) : loss;
        }

        /// <summary>
        /// Whether float32/float64 CPU batches take the KL part in one host pass (the default): Σ xlogy(Q, Q) − Q·log p per
        /// element with log p = log_softmax(s/T), and the gradient λ·T/N·(p·ΣⱼQᵢⱼ − Q); else torch's kl_div and autograd.
        /// Both give the same loss and gradient (the tests compare them).
        /// </summary>
        internal bool Fused { get; set; } = true;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Tensor FusedKl<TValue>(Tensor logits, Tensor q) where TValue : unmanaged, System.Numerics.IFloatingPointIeee754<TValue>
        {
            int n = (int)logits.size(0), classes = (int)logits.size(1);
            bool withGrad = logits.requires_grad && is_grad_enabled();
            Tensor value, gradient;
            using (no_grad())
            {
                var s = HostArrays.Read<TValue>(logits);
                var targets = HostArrays.Read<TValue>(q);
                gradient = withGrad ? empty([n, classes], logits.dtype, logits.device) : empty(0, logits.dtype);
                var g = withGrad ? HostArrays.Span<TValue>(gradient) : default;
                TValue invT = TValue.One / TValue.CreateChecked(T), scale = TValue.CreateChecked(Weight * T / n);
                var lp = new TValue[classes];
                var ps = new TValue[classes];
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    var qi = targets.Slice(i * classes, classes);
                    Rows.LogSoftmax(s.Slice(i * classes, classes), invT, lp, ps);
                    sum += Rows.KlToLogProbabilities(qi, lp, out TValue mass);
                    if (!withGrad) continue;
                    var row = g.Slice(i * classes, classes);
                    TValue weighted = scale * mass;
                    for (int c = 0; c < classes; c++) row[c] = weighted * ps[c] - scale * qi[c];
                }
                value = HostArrays.Scalar(sum * (Weight * T * T / n), logits);
            }
            return withGrad ? TermMath.WithGradient(value, logits, gradient) : value;
        }

        /// <summary>A = rowsoftmax(ÛÛᵀ − 1e9·I) of L2-normalised rows <paramref name="unit"/>.</summary>
        public static Tensor Affinity(Tensor unit)
        {
            var similarity = SerialScope.Product(unit, unit.t());
            similarity.diagonal().MinusInPlace(DiagonalMask);
            return similarity.softmax(1);
        }

        /// <summary>Q = (1−ω)·solve(I − ωA, P).</summary>
        public static Tensor Propagate(Tensor affinity, Tensor probabilities, double omega)
        {
            var system = affinity.Times(-omega);
            system.diagonal().PlusInPlace(1.0);
            return linalg.solve(system, probabilities).TimesInPlace(1.0 - omega);
        }

        /// <summary>
        /// <see cref="Propagate"/> with the system solved by <see cref="DominantSolve"/> (I − ωA is strictly
        /// row-diagonally dominant, so elimination needs no pivoting): on the host up to <see cref="DominantSolve.MaxRows"/>
        /// rows, in blocks with libtorch's products above; the same Q to rounding.
        /// </summary>
        private static Tensor PropagateOnHost(Tensor affinity, Tensor probabilities, double omega)
        {
            int n = (int)affinity.size(0), c = (int)probabilities.size(1);
            var system = affinity.Times(-omega);
            system.diagonal().PlusInPlace(1.0);
            // The blocked solve copies [M | P] itself; the host one works in place on a fresh copy, scaled first.
            if (DominantSolve.Blocked(n, affinity.dtype))
                return DominantSolve.SolveBlocked(system, probabilities).TimesInPlace(1.0 - omega);
            var x = probabilities.Times(1.0 - omega); // (1−ω)·M⁻¹P = M⁻¹((1−ω)P)
            if (affinity.dtype == ScalarType.Float32)
                DominantSolve.Solve(HostArrays.Span<float>(system), HostArrays.Span<float>(x), n, c);
            else
                DominantSolve.Solve(HostArrays.Span<double>(system), HostArrays.Span<double>(x), n, c);
            return x;
        }

        /// <summary>The soft targets Q from logits and features (both used as constants).</summary>
        public static Tensor SoftTargets(Tensor logits, Tensor features, double T, double omega)
        {
            using var _ = no_grad();
            var unit = TermMath.L2Normalize(features.detach().reshape(features.size(0), -1));
            return Propagate(Affinity(unit), logits.detach().Over(T).softmax(1), omega);
        }
    }
}
