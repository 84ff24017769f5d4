using System;
using System.Linq;
using Distill.Runtime;

namespace Distill.Testing
{
    public static partial class Laws
    {
        /// <summary>
        /// The value is the same on <paramref name="inputs"/> and on <paramref name="transformed"/>;
        /// <paramref name="transform"/> names the change for the failure message.
        /// </summary>
        public static LawResult Invariant(LossTerm term, TermInputs inputs, TermInputs transformed, string transform, double rtol = 1e-7, double atol = 1e-9)
        {
            double before = TermProbe.Value(term, inputs), after = TermProbe.Value(term, transformed);
            bool holds = double.IsFinite(before) && MatrixMath.Close(before, after, rtol, atol);
            return new LawResult($"Invariant under {transform}", holds, $"value {F(before)} became {F(after)} (Δ = {F(after - before)})");
        }

        /// <summary>Invariance under x ↦ xQ of input <paramref name="input"/>, for an orthogonal Q (see <see cref="Gens.Orthogonal"/>).</summary>
        public static LawResult RotationInvariant(LossTerm term, TermInputs inputs, string input, double[,] q, double rtol = 1e-7, double atol = 1e-9) =>
            Invariant(term, inputs, inputs.Map(input, x => MatrixMath.Multiply(x, q)), $"rotation of {input}", rtol, atol)
                with { Law = nameof(RotationInvariant) };

        /// <summary>
        /// Invariance under one x ↦ xQ applied to every input of <paramref name="names"/> together
        /// (e.g. student and teacher of the same width, or SEED's embeddings and queue).
        /// </summary>
        public static LawResult JointRotationInvariant(LossTerm term, TermInputs inputs, double[,] q, params string[] names) =>
            Invariant(term, inputs, names.Aggregate(inputs, (x, name) => x.Map(name, m => MatrixMath.Multiply(m, q))),
                $"joint rotation of {string.Join(", ", names)}") with { Law = nameof(JointRotationInvariant) };

        /// <summary>
        /// Invariance under scaling row i of <paramref name="input"/> by <paramref name="factors"/>[i]
        /// (use positive factors: terms that normalise rows are invariant to them).
        /// </summary>
        public static LawResult RowScaleInvariant(LossTerm term, TermInputs inputs, string input, double[] factors, double rtol = 1e-7, double atol = 1e-9)
        {
            if (factors.Length != inputs.Rows(input))
                throw new ArgumentException($"{factors.Length} factors for the {inputs.Rows(input)} rows of {input}", nameof(factors));
            return Invariant(term, inputs, inputs.Map(input, x => MatrixMath.Select(x, (i, _, v) => factors[i] * v)), $"per-row scaling of {input}", rtol, atol)
                with { Law = nameof(RowScaleInvariant) };
        }

        /// <summary>Invariance under x ↦ x + b (the same row vector b added to every row of <paramref name="input"/>).</summary>
        public static LawResult TranslationInvariant(LossTerm term, TermInputs inputs, string input, double[] shift, double rtol = 1e-7, double atol = 1e-9)
        {
            if (shift.Length != inputs.Columns(input))
                throw new ArgumentException($"shift has {shift.Length} entries, {input} has {inputs.Columns(input)} columns", nameof(shift));
            return Invariant(term, inputs, inputs.Map(input, x => MatrixMath.Select(x, (_, j, v) => v + shift[j])), $"translation of {input}", rtol, atol)
                with { Law = nameof(TranslationInvariant) };
        }

        /// <summary>Invariance under x ↦ c·x of input <paramref name="input"/>.</summary>
        public static LawResult ScaleInvariant(LossTerm term, TermInputs inputs, string input, double factor, double rtol = 1e-7, double atol = 1e-9) =>
            Invariant(term, inputs, inputs.Map(input, x => MatrixMath.Select(x, (_, _, v) => factor * v)), $"scaling of {input} by {F(factor)}", rtol, atol)
                with { Law = nameof(ScaleInvariant) };

        /// <summary>
        /// Invariance under reordering the rows of <paramref name="names"/> by <paramref name="permutation"/>
        /// (row i becomes old row permutation[i]), applied jointly to all of them: a joint batch
        /// permutation, or a permutation of one input alone such as SEED's queue.
        /// </summary>
        public static LawResult RowPermutationInvariant(LossTerm term, TermInputs inputs, int[] permutation, params string[] names)
        {
            var transformed = inputs;
            foreach (var name in names)
            {
                if (!MatrixMath.IsPermutation(permutation, inputs.Rows(name)))
                    throw new ArgumentException($"not a permutation of the {inputs.Rows(name)} rows of {name}", nameof(permutation));
                transformed = transformed.Map(name, x => MatrixMath.PermuteRows(x, permutation));
            }
            return Invariant(term, inputs, transformed, $"row permutation [{string.Join(", ", permutation)}] of {string.Join(", ", names)}")
                with { Law = nameof(RowPermutationInvariant) };
        }

        /// <summary>Invariance under an arbitrary change of inputs, described by <paramref name="transform"/>.</summary>
        public static LawResult Invariant(LossTerm term, TermInputs inputs, Func<TermInputs, TermInputs> change, string transform, double rtol = 1e-7, double atol = 1e-9) =>
            Invariant(term, inputs, change(inputs), transform, rtol, atol);
    }
}
