using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace Distill.Testing
{
    public static partial class Gens
    {
        /// <summary>
        /// An arbitrary over <paramref name="inputs"/> whose failing batches shrink to readable ones:
        /// fewer rows (the same row dropped from every input of that length, down to
        /// <paramref name="minRows"/>), then values rounded to 2 decimals, 1 decimal and whole numbers,
        /// then single entries and labels set to 0. Shapes other than the row count never change.
        /// <c>gen.ToArbitrary()</c> does not shrink at all.
        /// </summary>
        /// <param name="inputs">The generator, e.g. <see cref="FeaturePair"/>.</param>
        /// <param name="minRows">The fewest rows the term accepts (the generator's minimum).</param>
        public static Arbitrary<TermInputs> Arbitrary(Gen<TermInputs> inputs, int minRows = 1) =>
            Arb.From(inputs, x => Shrink(x, minRows));

        /// <summary>
        /// An arbitrary over a batch with something generated from it (a rotation, a seed, per-row
        /// scales): the batch shrinks by values only, so it keeps fitting <c>Extra</c>; <c>Extra</c> stays.
        /// </summary>
        public static Arbitrary<(TermInputs Inputs, T Extra)> Arbitrary<T>(Gen<(TermInputs Inputs, T Extra)> pairs) =>
            Arb.From(pairs, p => ShrinkValues(p.Inputs).Select(x => (x, p.Extra)));

        /// <summary>Shrink candidates for <paramref name="x"/>, simplest first (see <see cref="Arbitrary(Gen{TermInputs}, int)"/>).</summary>
        public static IEnumerable<TermInputs> Shrink(TermInputs x, int minRows = 1) =>
            FewerRows(x, minRows).Concat(ShrinkValues(x));

        private static IEnumerable<TermInputs> FewerRows(TermInputs x, int minRows)
        {
            var lengths = x.MatrixNames.Select(x.Rows).Concat(x.IndexNames.Select(n => x.Indices(n).Length)).Distinct().ToList();
            if (lengths.Count != 1) yield break; // inputs of different lengths: which rows belong together is unknown
            int n = lengths[0];
            if (n <= Math.Max(minRows, 1)) yield break;
            // Halve first, then drop one row at a time from the end.
            if (n / 2 >= Math.Max(minRows, 1)) yield return KeepRows(x, n / 2);
            for (int row = n - 1; row >= 0; row--) yield return DropRow(x, row);
        }

        private static TermInputs KeepRows(TermInputs x, int rows) =>
            Rebuild(x, m => Rows(m, Enumerable.Range(0, rows)), v => v.Take(rows).ToArray());

        private static TermInputs DropRow(TermInputs x, int row) =>
            Rebuild(x, m => Rows(m, Enumerable.Range(0, m.GetLength(0)).Where(i => i != row)),
                    v => v.Where((_, i) => i != row).ToArray());

        private static IEnumerable<TermInputs> ShrinkValues(TermInputs x)
        {
            foreach (int digits in new[] { 2, 1, 0 })
            {
                var rounded = Rebuild(x, m => MatrixMath.Select(m, (_, _, v) => Math.Round(v, digits) + 0.0), v => v); // + 0.0: no -0
                if (!SameValues(rounded, x)) yield return rounded;
            }
            foreach (var name in x.MatrixNames)
            {
                var m = x.Matrix(name);
                for (int i = 0; i < m.GetLength(0); i++)
                    for (int j = 0; j < m.GetLength(1); j++)
                        if (m[i, j] != 0) yield return x.With(name, MatrixMath.Select(m, (r, c, v) => r == i && c == j ? 0 : v));
            }
            foreach (var name in x.IndexNames)
            {
                var v = x.Indices(name);
                for (int i = 0; i < v.Length; i++)
                    if (v[i] != 0) yield return x.With(name, v.Select((c, k) => k == i ? 0 : c).ToArray());
            }
        }

        private static TermInputs Rebuild(TermInputs x, Func<double[,], double[,]> matrix, Func<long[], long[]> indices)
        {
            var result = x;
            foreach (var name in x.MatrixNames) result = result.With(name, matrix(x.Matrix(name)));
            foreach (var name in x.IndexNames) result = result.With(name, indices(x.Indices(name)));
            return result;
        }

        private static double[,] Rows(double[,] m, IEnumerable<int> rows)
        {
            var keep = rows.ToArray();
            var r = new double[keep.Length, m.GetLength(1)];
            for (int i = 0; i < keep.Length; i++)
                for (int j = 0; j < m.GetLength(1); j++) r[i, j] = m[keep[i], j];
            return r;
        }

        private static bool SameValues(TermInputs a, TermInputs b) =>
            a.MatrixNames.All(n => a.Matrix(n).Cast<double>().SequenceEqual(b.Matrix(n).Cast<double>()));
    }
}
