using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using TorchSharp;

namespace Distill.Testing
{
    /// <summary>
    /// An immutable set of named term inputs as plain arrays: floating-point matrices (N×D, read
    /// as float64 or float32 tensors) and class-index vectors (N, read as int64). Names are the
    /// objective's input names (<c>StudentLogits</c>, <c>TeacherEmbedding</c>, <c>Labels</c>).
    /// Its <see cref="ToString"/> prints every value, so FsCheck counterexamples are readable.
    /// </summary>
    public sealed class TermInputs
    {
        private readonly ImmutableSortedDictionary<string, double[,]> _matrices;
        private readonly ImmutableSortedDictionary<string, long[]> _indices;

        private TermInputs(ImmutableSortedDictionary<string, double[,]> matrices, ImmutableSortedDictionary<string, long[]> indices)
        {
            _matrices = matrices;
            _indices = indices;
        }

        /// <summary>No inputs; add them with <see cref="With(string, double[,])"/>.</summary>
        public static TermInputs Empty { get; } = new(
            ImmutableSortedDictionary.Create<string, double[,]>(StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, long[]>(StringComparer.Ordinal));

        /// <summary>The names of the floating-point inputs, sorted.</summary>
        public IEnumerable<string> MatrixNames => _matrices.Keys;

        /// <summary>The names of the class-index inputs, sorted.</summary>
        public IEnumerable<string> IndexNames => _indices.Keys;

        /// <summary>Adds or replaces a floating-point input (copied).</summary>
        public TermInputs With(string name, double[,] values) =>
            new(_matrices.SetItem(name, (double[,])values.Clone()), _indices.Remove(name));

        /// <summary>Adds or replaces a class-index input (copied).</summary>
        public TermInputs With(string name, long[] classIndices) =>
            new(_matrices.Remove(name), _indices.SetItem(name, (long[])classIndices.Clone()));

        /// <summary>A copy of the floating-point input <paramref name="name"/>.</summary>
        public double[,] Matrix(string name) =>
            _matrices.TryGetValue(name, out var m) ? (double[,])m.Clone() : throw Missing(name);

        /// <summary>A copy of the class-index input <paramref name="name"/>.</summary>
        public long[] Indices(string name) =>
            _indices.TryGetValue(name, out var v) ? (long[])v.Clone() : throw Missing(name);

        /// <summary>Replaces the floating-point input <paramref name="name"/> by <paramref name="map"/> of it.</summary>
        public TermInputs Map(string name, Func<double[,], double[,]> map) => With(name, map(Matrix(name)));

        /// <summary>The number of rows of the floating-point input <paramref name="name"/>.</summary>
        public int Rows(string name) => (_matrices.TryGetValue(name, out var m) ? m : throw Missing(name)).GetLength(0);

        /// <summary>The number of columns of the floating-point input <paramref name="name"/>.</summary>
        public int Columns(string name) => (_matrices.TryGetValue(name, out var m) ? m : throw Missing(name)).GetLength(1);

        /// <summary>
        /// Every input as a new tensor, by name: matrices in <paramref name="dtype"/>, class indices as
        /// int64. For feeding an objective (generated <c>Inputs</c> or a loaded one) the same batch.
        /// </summary>
        public Dictionary<string, torch.Tensor> ToTensors(torch.ScalarType dtype = torch.ScalarType.Float64)
        {
            var tensors = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
            foreach (var (name, m) in _matrices) tensors[name] = TermProbe.ToTensor(m, dtype);
            foreach (var (name, v) in _indices) tensors[name] = torch.tensor(v, dtype: torch.ScalarType.Int64);
            return tensors;
        }

        internal IReadOnlyDictionary<string, double[,]> Matrices => _matrices;

        /// <summary>Every input as <c>Name = value</c>, one per line.</summary>
        public override string ToString()
        {
            var sb = new StringBuilder();
            foreach (var (name, m) in _matrices) sb.Append(name).Append(" = ").AppendLine(Format(m));
            foreach (var (name, v) in _indices) sb.Append(name).Append(" = [").Append(string.Join(", ", v)).AppendLine("]");
            return sb.ToString().TrimEnd();
        }

        /// <summary>Prints a matrix as nested rows with round-trippable numbers.</summary>
        public static string Format(double[,] m) =>
            "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(0)).Select(i =>
                "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j].ToString("R", CultureInfo.InvariantCulture))) + "]")) + "]";

        private KeyNotFoundException Missing(string name) =>
            new($"no input '{name}'; have {string.Join(", ", _matrices.Keys.Concat(_indices.Keys))}");
    }
}
