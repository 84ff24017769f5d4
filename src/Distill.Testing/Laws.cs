using System;
using System.Globalization;
using System.Linq;
using Distill.Runtime;

namespace Distill.Testing
{
    /// <summary>
    /// Reusable laws for any <see cref="LossTerm"/>, each checked on one input and returned as a
    /// <see cref="LawResult"/> (usable directly as the body of an FsCheck <c>Prop.ForAll</c>).
    /// Values are computed in float64. Tolerances are <c>|a − b| ≤ atol + rtol·max(|a|, |b|)</c>.
    /// </summary>
    public static partial class Laws
    {
        /// <summary>The term's value is ≥ −<paramref name="atol"/> (and not NaN).</summary>
        public static LawResult NonNegative(LossTerm term, TermInputs inputs, double atol = 1e-12)
        {
            double v = TermProbe.Value(term, inputs);
            return new LawResult(nameof(NonNegative), v >= -atol, $"value = {F(v)}");
        }

        /// <summary>
        /// The value is 0 and the gradient with respect to every student input is 0 (within
        /// <paramref name="atol"/>): use on an input where the student already matches.
        /// </summary>
        public static LawResult ZeroAt(LossTerm term, TermInputs inputs, double atol = 1e-10)
        {
            var e = TermProbe.Evaluate(term, inputs);
            if (!(Math.Abs(e.Value) <= atol)) return new LawResult(nameof(ZeroAt), false, $"value = {F(e.Value)}, expected 0");
            foreach (var name in GradientInputs(term, inputs))
            {
                double worst = e.Gradients[name].Cast<double>().Select(Math.Abs).DefaultIfEmpty(0).Max();
                if (!(worst <= atol)) return new LawResult(nameof(ZeroAt), false, $"value = {F(e.Value)} but max |∂/∂{name}| = {F(worst)}, expected 0");
            }
            return new LawResult(nameof(ZeroAt), true, $"value = {F(e.Value)}, gradients 0");
        }

        /// <summary>
        /// <see cref="ZeroAt"/> after copying input <paramref name="copyFrom"/> over <paramref name="copyTo"/>
        /// (e.g. TeacherLogits over StudentLogits): the loss vanishes when student and teacher agree.
        /// </summary>
        public static LawResult ZeroAtIdentity(LossTerm term, TermInputs inputs, string copyFrom, string copyTo, double atol = 1e-10) =>
            ZeroAt(term, inputs.With(copyTo, inputs.Matrix(copyFrom)), atol) with { Law = $"{nameof(ZeroAtIdentity)}({copyTo} := {copyFrom})" };

        /// <summary>The term's value equals <paramref name="expected"/>, e.g. a closed form computed independently.</summary>
        public static LawResult ValueEquals(LossTerm term, TermInputs inputs, double expected, double rtol = 1e-9, double atol = 1e-12)
        {
            double v = TermProbe.Value(term, inputs);
            return new LawResult(nameof(ValueEquals), MatrixMath.Close(v, expected, rtol, atol), $"value = {F(v)}, expected {F(expected)}");
        }

        /// <summary>
        /// Every row of <paramref name="distributions"/> is a probability distribution: entries
        /// finite and ≥ −<paramref name="atol"/>, row sums within <paramref name="atol"/> of 1. For
        /// soft targets a term builds (BAKE's ensembled targets, softened teacher probabilities).
        /// </summary>
        public static LawResult RowStochastic(double[,] distributions, double atol = 1e-9)
        {
            for (int i = 0; i < distributions.GetLength(0); i++)
            {
                double sum = 0;
                for (int j = 0; j < distributions.GetLength(1); j++)
                {
                    double p = distributions[i, j];
                    if (!double.IsFinite(p) || p < -atol)
                        return new LawResult(nameof(RowStochastic), false, $"entry [{i}, {j}] = {F(p)}, expected a probability");
                    sum += p;
                }
                if (!(Math.Abs(sum - 1) <= atol))
                    return new LawResult(nameof(RowStochastic), false, $"row {i} sums to {F(sum)}, expected 1");
            }
            return new LawResult(nameof(RowStochastic), true, $"{distributions.GetLength(0)} rows are distributions");
        }

        internal static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

        private static string[] GradientInputs(LossTerm term, TermInputs inputs)
        {
            var students = TermProbe.StudentInputs(term).Where(n => inputs.MatrixNames.Contains(n)).ToArray();
            return students.Length > 0 ? students : inputs.MatrixNames.ToArray();
        }
    }
}
