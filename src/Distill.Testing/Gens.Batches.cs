using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace Distill.Testing
{
    public static partial class Gens
    {
        /// <summary>
        /// Student and teacher logits of the same N×C shape, N in [<paramref name="minRows"/>,
        /// <paramref name="maxRows"/>] and C in [<paramref name="minClasses"/>, <paramref name="maxClasses"/>]
        /// (C = 1 included by default), each possibly with ±1e4 entries (see <see cref="Logits"/>).
        /// </summary>
        public static Gen<TermInputs> LogitPair(int minRows = 1, int maxRows = 8, int minClasses = 1, int maxClasses = 8,
            string student = "StudentLogits", string teacher = "TeacherLogits") =>
            from n in Gen.Choose(minRows, maxRows)
            from c in Gen.Choose(minClasses, maxClasses)
            from s in Logits(n, c)
            from t in Logits(n, c)
            select TermInputs.Empty.With(student, s).With(teacher, t);

        /// <summary>
        /// Student and teacher features with N in [<paramref name="minRows"/>, <paramref name="maxRows"/>]
        /// rows and independent widths in [1, <paramref name="maxDim"/>] (equal widths with
        /// <paramref name="sameDim"/>), entries in ±3.
        /// </summary>
        public static Gen<TermInputs> FeaturePair(int minRows = 2, int maxRows = 8, int maxDim = 6, bool sameDim = false,
            string student = "StudentEmbedding", string teacher = "TeacherEmbedding") =>
            from n in Gen.Choose(minRows, maxRows)
            from ds in Gen.Choose(1, maxDim)
            from dt in sameDim ? Gen.Constant(ds) : Gen.Choose(1, maxDim)
            from s in Matrix(n, ds)
            from t in Matrix(n, dt)
            select TermInputs.Empty.With(student, s).With(teacher, t);

        /// <summary>
        /// <paramref name="inputs"/> with one row copied over another, at the same indices in every
        /// input of <paramref name="names"/> (unchanged when they have fewer than two rows).
        /// </summary>
        public static Gen<TermInputs> WithDuplicateRow(Gen<TermInputs> inputs, params string[] names) =>
            from x in inputs
            let n = x.Rows(names[0])
            from from_ in Gen.Choose(0, n - 1)
            from to in Gen.Choose(0, n - 1)
            select names.Aggregate(x, (acc, name) => acc.Map(name, m => MatrixMath.Select(m, (i, j, v) => i == to ? m[from_, j] : v)));

        /// <summary><paramref name="inputs"/> with one row set to zero at the same index in every input of <paramref name="names"/>.</summary>
        public static Gen<TermInputs> WithZeroRow(Gen<TermInputs> inputs, params string[] names) =>
            from x in inputs
            from row in Gen.Choose(0, x.Rows(names[0]) - 1)
            select names.Aggregate(x, (acc, name) => acc.Map(name, m => MatrixMath.Select(m, (i, _, v) => i == row ? 0 : v)));

        /// <summary>
        /// A degenerate variant of <paramref name="inputs"/>: a duplicate row, a zero row, or both,
        /// at the same indices in every input of <paramref name="names"/>.
        /// </summary>
        public static Gen<TermInputs> Degenerate(Gen<TermInputs> inputs, params string[] names) =>
            Gen.OneOf(
                WithDuplicateRow(inputs, names),
                WithZeroRow(inputs, names),
                WithZeroRow(WithDuplicateRow(inputs, names), names));
    }
}
