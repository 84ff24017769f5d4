using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// The fused CPU pass of SSKD (LOSSES.md §2 as <see cref="SskdTerm.Parts"/> computes it): both teacher-filtered KLs,
    /// their kept sets and their gradients in one pass over the augmented rows, from the rotated logits and the two
    /// 3B×B cosine matrices (libtorch computes those products). The graph form takes about forty libtorch calls
    /// (softmaxes, ranks, two sorts, gathers and index_selects) and their backward nodes; here libtorch is called for
    /// the normalisations and the four products only. Row 4i + r is image i rotated by r·90°; augmented row k is row
    /// 4⌊k/3⌋ + 1 + k mod 3.
    /// </summary>
    internal static class SskdKernel
    {
        /// <summary>One KL part: Σ over the kept rows of KL(softmax(t/T) ‖ softmax(s/T))·T²/|kept|, and |kept|.</summary>
        public readonly record struct Part(double Loss, int Kept);

        /// <summary>
        /// The transformation part: teacher logits <paramref name="teacher"/> and student logits <paramref name="student"/>
        /// (both 4B×C, row-major), labels per image; the gradient (4B×C, zero outside the kept augmented rows) is written
        /// into <paramref name="grad"/> when given.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static Part Transformation<T>(ReadOnlySpan<T> student, ReadOnlySpan<T> teacher, ReadOnlySpan<long> labels, int classes,
            double temperature, double ratio, double weight, Span<T> grad) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int images = labels.Length, rows = 3 * images;
            var logP = new T[rows * classes];
            var p = new T[rows * classes];
            var rank = new long[rows];
            T invT = T.One / T.CreateChecked(temperature);
            for (int k = 0; k < rows; k++)
            {
                var lp = logP.AsSpan(k * classes, classes);
                Rows.LogSoftmax(teacher.Slice(Row(k) * classes, classes), invT, lp, p.AsSpan(k * classes, classes));
                // The rank of the label among the teacher's probabilities: entries strictly greater (compared as log
                // probabilities, the same order).
                T target = lp[(int)labels[k / 3]];
                long greater = 0;
                foreach (var v in lp) if (v > target) greater++;
                rank[k] = greater;
            }
            return Filtered(rank, ratio, logP, p, student, classes, invT, temperature, weight, grad, Row);
        }

        /// <summary>
        /// The similarity part: the 3B×B cosine matrices of teacher and student (row k: augmented row k against every
        /// image's unrotated row); the gradient with respect to the student's cosines (3B×B) goes into <paramref name="grad"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static Part Similarity<T>(ReadOnlySpan<T> student, ReadOnlySpan<T> teacher, int images, double temperature, double ratio,
            double weight, Span<T> grad) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int rows = 3 * images;
            var logP = new T[rows * images];
            var p = new T[rows * images];
            var rank = new long[rows];
            T invT = T.One / T.CreateChecked(temperature);
            for (int k = 0; k < rows; k++)
            {
                var scores = teacher.Slice(k * images, images);
                T target = scores[k / 3];
                long greater = 0;
                foreach (var v in scores) if (v > target) greater++;
                rank[k] = greater;
                Rows.LogSoftmax(scores, invT, logP.AsSpan(k * images, images), p.AsSpan(k * images, images));
            }
            return Filtered(rank, ratio, logP, p, student, images, invT, temperature, weight, grad, k => k);
        }

        /// <summary>Row of the 4B-row batch that augmented row k is.</summary>
        private static int Row(int k) => k / 3 * 4 + 1 + k % 3;

        /// <summary>
        /// keep(rank, ratio) (stable ascending sort by rank, the first correct + ⌊wrong·ratio⌋), then the KL over the kept
        /// rows and, with <paramref name="grad"/>, its gradient weight·(T/|kept|)·(softmax(s/T) − p) on those rows.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static Part Filtered<T>(long[] rank, double ratio, T[] logP, T[] probabilities, ReadOnlySpan<T> student, int width, T invT,
            double temperature, double weight, Span<T> grad, Func<int, int> row) where T : unmanaged, IFloatingPointIeee754<T>
        {
            int rows = rank.Length;
            long correct = 0;
            foreach (long r in rank) if (r == 0) correct++;
            long keep = correct + (long)Math.Truncate((rows - correct) * ratio);
            // Unique keys rank·rows + index: an unstable sort of them is the stable sort by rank.
            var order = new long[rows];
            for (int k = 0; k < rows; k++) order[k] = rank[k] * rows + k;
            Array.Sort(order);
            var kept = new bool[rows];
            for (long i = 0; i < keep; i++) kept[(int)(order[i] % rows)] = true;
            if (!grad.IsEmpty) grad.Clear();
            if (keep == 0) return new Part(0, 0);
            double scale = temperature * temperature / keep;
            T gradScale = T.CreateChecked(weight * temperature / keep);
            var lq = new T[width];
            var q = new T[width];
            double total = 0;
            for (int k = 0; k < rows; k++)
            {
                if (!kept[k]) continue;
                int r = row(k);
                var lp = logP.AsSpan(k * width, width);
                Rows.LogSoftmax(student.Slice(r * width, width), invT, lq, q);
                total += Rows.Kl<T>(lp, probabilities.AsSpan(k * width, width), lq, q, grad.IsEmpty ? default : grad.Slice(r * width, width), gradScale);
            }
            return new Part(total * scale, (int)keep);
        }

    }
}
