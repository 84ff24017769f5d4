using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime;
using TorchSharp;

namespace Distill.Testing
{
    public static partial class Laws
    {
        /// <summary>
        /// The value and every gradient are finite (no NaN, no ±∞) when computed in
        /// <paramref name="dtype"/>: for degenerate batches (duplicate or zero rows, one class,
        /// N = 1, extreme logits).
        /// </summary>
        public static LawResult FiniteGradients(LossTerm term, TermInputs inputs, torch.ScalarType dtype = torch.ScalarType.Float64)
        {
            var e = TermProbe.Evaluate(term, inputs, dtype);
            if (!double.IsFinite(e.Value)) return new LawResult(nameof(FiniteGradients), false, $"value = {F(e.Value)}");
            foreach (var (name, g) in e.Gradients.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                for (int i = 0; i < g.GetLength(0); i++)
                    for (int j = 0; j < g.GetLength(1); j++)
                        if (!double.IsFinite(g[i, j]))
                            return new LawResult(nameof(FiniteGradients), false, $"∂/∂{name}[{i}, {j}] = {F(g[i, j])} (value {F(e.Value)})");
            return new LawResult(nameof(FiniteGradients), true, $"value {F(e.Value)} and all gradients finite");
        }

        /// <summary>
        /// The autograd gradient agrees with float64 central differences along
        /// <paramref name="directions"/> random directions (seeded by <paramref name="seed"/>) that
        /// perturb the inputs in <paramref name="wrt"/> (default: the term's student inputs):
        /// <c>∇L·v ≈ (L(x + hv) − L(x − hv)) / 2h</c> with h = <paramref name="step"/>·(1 + max|x|).
        /// Catches a wrong hand-written gradient and a stray detach. Use smooth points: at a kink
        /// (a clamp, a Huber corner, a rank change) the two legitimately differ.
        /// </summary>
        public static LawResult MatchesFiniteDifferences(LossTerm term, TermInputs inputs, int seed, IReadOnlyList<string>? wrt = null,
            int directions = 3, double step = 1e-6, double rtol = 1e-5)
        {
            var names = wrt?.ToArray() ?? GradientInputs(term, inputs);
            var e = TermProbe.Evaluate(term, inputs);
            var random = new Random(seed);
            for (int d = 0; d < directions; d++)
            {
                var v = names.ToDictionary(n => n, n => MatrixMath.Select(inputs.Matrix(n), (_, _, _) => Gaussian(random)));
                double scale = names.Max(n => inputs.Matrix(n).Cast<double>().Select(Math.Abs).DefaultIfEmpty(0).Max());
                double h = step * (1 + scale);
                double analytic = 0, magnitude = 0;
                foreach (var n in names)
                {
                    var g = e.Gradients[n];
                    for (int i = 0; i < g.GetLength(0); i++)
                        for (int j = 0; j < g.GetLength(1); j++)
                        {
                            analytic += g[i, j] * v[n][i, j];
                            magnitude += Math.Abs(g[i, j] * v[n][i, j]);
                        }
                }
                double plus = TermProbe.Value(term, Shift(inputs, v, h)), minus = TermProbe.Value(term, Shift(inputs, v, -h));
                double numeric = (plus - minus) / (2 * h);
                double tolerance = rtol * (magnitude + Math.Abs(numeric)) + 1e-7 * (1 + Math.Abs(e.Value));
                if (!(Math.Abs(analytic - numeric) <= tolerance))
                    return new LawResult(nameof(MatchesFiniteDifferences), false,
                        $"direction {d} over {string.Join(", ", names)}: autograd ∇L·v = {F(analytic)}, central difference = {F(numeric)} (h = {F(h)}, tolerance {F(tolerance)})");
            }
            return new LawResult(nameof(MatchesFiniteDifferences), true, $"{directions} directions over {string.Join(", ", names)} agree");
        }

        /// <summary>
        /// The value is connected to every student input (default: the term's student inputs, else all):
        /// with only that input requiring grad, the value requires grad and <c>backward()</c> leaves a finite
        /// gradient on it — zeros where the loss is constant in it, never none. So a recipe of this term
        /// alone can always call <c>backward()</c>, whatever the parameters (a constant kernel, an empty
        /// filter, a zero weight). Check it at every boundary value of the term's parameters.
        /// </summary>
        public static LawResult ConnectedToStudent(LossTerm term, TermInputs inputs, IReadOnlyList<string>? wrt = null, torch.ScalarType dtype = torch.ScalarType.Float64)
        {
            var names = wrt?.ToArray() ?? GradientInputs(term, inputs);
            foreach (var name in names)
            {
                var (connected, g) = TermProbe.GradientOf(term, inputs, name, dtype);
                if (!connected)
                    return new LawResult(nameof(ConnectedToStudent), false, $"with only {name} requiring grad the value does not require grad: backward() would throw");
                if (g is null)
                    return new LawResult(nameof(ConnectedToStudent), false, $"backward() left no gradient on {name} (null, expected zeros where the loss is constant)");
                foreach (double x in g)
                    if (!double.IsFinite(x))
                        return new LawResult(nameof(ConnectedToStudent), false, $"∂/∂{name} has {F(x)}");
            }
            return new LawResult(nameof(ConnectedToStudent), true, $"connected to {string.Join(", ", names)}");
        }

        /// <summary>
        /// The gradient with respect to <paramref name="input"/> equals <paramref name="expected"/>
        /// elementwise, e.g. a closed form such as KD's (T/N)(softmax(s/T) − softmax(t/T)).
        /// </summary>
        public static LawResult GradientEquals(LossTerm term, TermInputs inputs, string input, double[,] expected, double rtol = 1e-7, double atol = 1e-10)
        {
            var g = TermProbe.Evaluate(term, inputs).Gradients[input];
            if (g.GetLength(0) != expected.GetLength(0) || g.GetLength(1) != expected.GetLength(1))
                return new LawResult(nameof(GradientEquals), false, $"∂/∂{input} is {g.GetLength(0)}×{g.GetLength(1)}, expected {expected.GetLength(0)}×{expected.GetLength(1)}");
            for (int i = 0; i < g.GetLength(0); i++)
                for (int j = 0; j < g.GetLength(1); j++)
                    if (!MatrixMath.Close(g[i, j], expected[i, j], rtol, atol))
                        return new LawResult(nameof(GradientEquals), false, $"∂/∂{input}[{i}, {j}] = {F(g[i, j])}, expected {F(expected[i, j])}");
            return new LawResult(nameof(GradientEquals), true, $"∂/∂{input} matches");
        }

        private static TermInputs Shift(TermInputs inputs, Dictionary<string, double[,]> direction, double h)
        {
            var shifted = inputs;
            foreach (var (name, v) in direction)
                shifted = shifted.Map(name, x => MatrixMath.Select(x, (i, j, a) => a + h * v[i, j]));
            return shifted;
        }

        private static double Gaussian(Random random) =>
            Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
