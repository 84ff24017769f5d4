using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// SSKD's interleaved rotated batch: row 4i + r is image i rotated by r·90° (r = 0..3). Builds it from
    /// N×C×H×W images and splits any 4B-row tensor into its normal rows (r = 0, B rows) and augmented rows
    /// (r ≠ 0, 3B rows in order; augmented row k belongs to image ⌊k/3⌋).
    /// </summary>
    public static class SskdBatch
    {
        /// <summary>4N×C×H×W with row 4i + r = rot90(imagesᵢ, r) over the H, W axes.</summary>
        public static Tensor Rotations(Tensor images)
        {
            if (images.dim() != 4)
                throw new System.ArgumentException($"expected images N×C×H×W, got [{string.Join(", ", images.shape)}].", nameof(images));
            var views = new Tensor[4];
            for (int r = 0; r < 4; r++) views[r] = images.rot90(r, (2, 3));
            var shape = images.shape;
            return stack(views, 1).reshape(shape[0] * 4, shape[1], shape[2], shape[3]);
        }

        /// <summary>Rows 4i (the un-rotated views): B rows.</summary>
        public static Tensor NormalRows(Tensor batch) => Grouped(batch).select(1, 0);

        /// <summary>Rows 4i + r for r = 1..3, in order: 3B rows.</summary>
        public static Tensor AugmentedRows(Tensor batch)
        {
            var g = Grouped(batch).narrow(1, 1, 3);
            var shape = (long[])batch.shape.Clone();
            shape[0] = batch.size(0) / 4 * 3;
            return g.reshape(shape);
        }

        /// <summary>The augmented rows as a B×3×… view into <paramref name="batch"/> (writable; no copy).</summary>
        internal static Tensor AugmentedRowsView(Tensor batch) => Grouped(batch).narrow(1, 1, 3);

        private static Tensor Grouped(Tensor batch)
        {
            if (batch.size(0) % 4 != 0)
                throw new System.ArgumentException($"expected 4B rows (4 rotations per image), got [{string.Join(", ", batch.shape)}].", nameof(batch));
            var shape = new long[batch.dim() + 1];
            shape[0] = batch.size(0) / 4;
            shape[1] = 4;
            for (int d = 1; d < batch.dim(); d++) shape[d + 1] = batch.size(d);
            return batch.reshape(shape);
        }
    }
}
