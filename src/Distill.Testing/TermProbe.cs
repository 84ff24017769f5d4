using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Distill.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Testing
{
    /// <summary>
    /// Evaluates a <see cref="LossTerm"/> on named inputs outside any objective: builds the
    /// tensors and a <see cref="TermContext"/> (evaluation mode, CPU), runs
    /// <see cref="LossTerm.Forward"/> and backpropagates to every floating-point input.
    /// </summary>
    public static class TermProbe
    {
        /// <summary>The term's value and its gradients, computed in <paramref name="dtype"/> (float64 by default).</summary>
        public static TermEvaluation Evaluate(LossTerm term, TermInputs inputs, ScalarType dtype = ScalarType.Float64)
        {
            using var scope = NewDisposeScope();
            var leaves = inputs.Matrices.ToDictionary(kv => kv.Key, kv => ToTensor(kv.Value, dtype).requires_grad_(true), StringComparer.Ordinal);
            var value = Forward(term, inputs, leaves);
            double scalar = ToDouble(value);
            if (value.requires_grad) value.backward();
            var gradients = leaves.ToDictionary(
                kv => kv.Key,
                kv => kv.Value.grad is { } g ? ToArray(g) : new double[kv.Value.shape[0], kv.Value.shape[1]],
                StringComparer.Ordinal);
            return new TermEvaluation(scalar, gradients);
        }

        /// <summary>
        /// Evaluates with only <paramref name="input"/> requiring grad: whether the value carries autograd,
        /// and the gradient <c>backward()</c> leaves on that input (null when the value is not connected or
        /// autograd left none).
        /// </summary>
        public static (bool Connected, double[,]? Gradient) GradientOf(LossTerm term, TermInputs inputs, string input, ScalarType dtype = ScalarType.Float64)
        {
            using var scope = NewDisposeScope();
            var leaves = inputs.Matrices.ToDictionary(kv => kv.Key, kv => ToTensor(kv.Value, dtype), StringComparer.Ordinal);
            var leaf = leaves[input].requires_grad_(true);
            var value = Forward(term, inputs, leaves);
            if (!value.requires_grad) return (false, null);
            value.backward();
            return (true, leaf.grad is { } g ? ToArray(g) : null);
        }

        /// <summary>The term's value only (no autograd), in <paramref name="dtype"/>.</summary>
        public static double Value(LossTerm term, TermInputs inputs, ScalarType dtype = ScalarType.Float64)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var leaves = inputs.Matrices.ToDictionary(kv => kv.Key, kv => ToTensor(kv.Value, dtype), StringComparer.Ordinal);
            return ToDouble(Forward(term, inputs, leaves));
        }

        /// <summary>
        /// The input names <paramref name="term"/> consumes, from its <see cref="TermInputAttribute"/>s,
        /// with taps read from its tap parameters (e.g. <c>At = "layer3"</c> gives <c>StudentLayer3</c>).
        /// </summary>
        public static IReadOnlyList<string> InputNames(LossTerm term) =>
            Inputs(term).Select(i => i.Name).ToList();

        /// <summary>The floating-point inputs of role "student": what a term's gradient flows to.</summary>
        public static IReadOnlyList<string> StudentInputs(LossTerm term) =>
            Inputs(term).Where(i => i.Attribute.Role == "student" && !i.Attribute.ClassIndices).Select(i => i.Name).ToList();

        private static IEnumerable<(string Name, TermInputAttribute Attribute)> Inputs(LossTerm term) =>
            term.GetType().GetCustomAttributes<TermInputAttribute>().Select(a => (Distill.Dsl.Catalogue.InputNames.Of(a.Role, TapOf(term, a)), a));

        private static string TapOf(LossTerm term, TermInputAttribute input)
        {
            if (input.TapParameter is null) return input.Tap;
            var property = term.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => p.GetCustomAttribute<TermParameterAttribute>() is { } a
                    && (string.Equals(a.Name, input.TapParameter, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(p.Name, input.TapParameter, StringComparison.OrdinalIgnoreCase)))
                ?? throw new InvalidOperationException($"{term.GetType().Name}: tap parameter '{input.TapParameter}' not found.");
            return property.GetValue(term) as string ?? property.GetCustomAttribute<TermParameterAttribute>()!.Default as string ?? input.Tap;
        }

        private static Tensor Forward(LossTerm term, TermInputs inputs, Dictionary<string, Tensor> leaves)
        {
            var all = new Dictionary<string, Tensor>(leaves, StringComparer.Ordinal);
            foreach (var name in inputs.IndexNames) all[name] = tensor(inputs.Indices(name), dtype: ScalarType.Int64);
            var value = term.Forward(new TermContext(all, training: false, CPU));
            if (value.numel() != 1)
                throw new InvalidOperationException($"{term.GetType().Name}: Forward returned shape [{string.Join(", ", value.shape)}], expected a scalar.");
            return value;
        }

        internal static Tensor ToTensor(double[,] m, ScalarType dtype)
        {
            var flat = new double[m.Length];
            Buffer.BlockCopy(m, 0, flat, 0, m.Length * sizeof(double));
            return tensor(flat, [m.GetLength(0), m.GetLength(1)], dtype: ScalarType.Float64).to_type(dtype);
        }

        internal static double[,] ToArray(Tensor t)
        {
            using var d = t.detach().to_type(ScalarType.Float64).cpu().contiguous();
            var flat = d.data<double>().ToArray();
            long rows = d.shape.Length > 0 ? d.shape[0] : 1;
            var m = new double[rows, rows == 0 ? 0 : flat.Length / rows];
            Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
            return m;
        }

        private static double ToDouble(Tensor value) => value.detach().to_type(ScalarType.Float64).reshape([]).item<double>();
    }
}
