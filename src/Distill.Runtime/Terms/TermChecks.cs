using System.Linq;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// Cheap shape and dtype checks shared by the built-in terms. Each failure is a
    /// <see cref="TermInputException"/> naming the term, the input, what was expected and what came.
    /// </summary>
    public static class TermChecks
    {
        public static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";

        /// <summary>A floating-point N×C matrix with at least one row (an empty batch has no mean).</summary>
        public static Tensor Matrix(TermContext context, string name)
        {
            var t = Floating(context, name);
            if (t.dim() != 2)
                throw context.Error(name, $"expected a rank-2 tensor [N, C], got {Shape(t)}.");
            MinRows(context, name, t, 1);
            return t;
        }

        /// <summary>A floating-point N×… tensor flattened row-major to N×(rest); needs at least <paramref name="minRows"/> rows.</summary>
        public static Tensor Features(TermContext context, string name, long minRows = 1)
        {
            var t = Floating(context, name);
            if (t.dim() < 2)
                throw context.Error(name, $"expected a tensor [N, D] or [N, …] of rank ≥ 2, got {Shape(t)}.");
            MinRows(context, name, t, minRows);
            return t.dim() == 2 ? t : t.reshape(t.size(0), -1);
        }

        private static void MinRows(TermContext context, string name, Tensor t, long minRows)
        {
            if (t.size(0) < minRows)
                throw context.Error(name, $"expected at least {minRows} row{(minRows == 1 ? "" : "s")} (an empty batch has no loss), got {Shape(t)}.");
        }

        /// <summary>Throws unless <paramref name="t"/> has <paramref name="rows"/> rows (the batch of <paramref name="other"/>).</summary>
        public static void SameRows(TermContext context, string name, Tensor t, string other, long rows)
        {
            if (t.size(0) != rows)
                throw context.Error(name, $"expected {rows} rows to match '{other}', got {Shape(t)}.");
        }

        /// <summary>Throws unless both tensors have the same shape.</summary>
        public static void SameShape(TermContext context, string name, Tensor t, string other, Tensor reference)
        {
            if (!SameShape(t, reference))
                throw context.Error(name, $"expected shape {Shape(reference)} to match '{other}', got {Shape(t)}.");
        }

        /// <summary>Dimension by dimension (no shape arrays: <c>Tensor.shape</c> is a native callback that allocates).</summary>
        private static bool SameShape(Tensor a, Tensor b)
        {
            long rank = a.dim();
            if (rank != b.dim()) return false;
            for (int d = 0; d < rank; d++)
                if (a.size(d) != b.size(d)) return false;
            return true;
        }

        /// <summary>
        /// int64 class indices of shape [<paramref name="rows"/>] (any length when null) in [0, <paramref name="classes"/>).
        /// The range check reads the values, so it runs on the CPU only (on an accelerator the kernel asserts instead).
        /// </summary>
        public static Tensor Labels(TermContext context, string name, long? rows, long classes)
        {
            var t = context.Input(name);
            if (t.dtype != ScalarType.Int64)
                throw context.Error(name, $"expected int64 class indices, got {t.dtype}.");
            if (t.dim() != 1 || rows is { } n && t.size(0) != n)
                throw context.Error(name, $"expected shape [{(rows is null ? "N" : rows)}], got {Shape(t)}.");
            if (t.size(0) > 0 && t.device_type == DeviceType.CPU)
            {
                // Read in place on the host: no reduction kernels, no scalar copies.
                var contiguous = t.is_contiguous() ? t : t.contiguous();
                var (min, max) = HostScan.Range(MemoryMarshal.Cast<byte, long>(contiguous.bytes));
                if (min < 0 || max >= classes)
                    throw context.Error(name, $"expected class indices in [0, {classes}), got values in [{min}, {max}].");
            }
            return t;
        }

        private static Tensor Floating(TermContext context, string name)
        {
            var t = context.Input(name);
            if (!t.is_floating_point())
                throw context.Error(name, $"expected a floating-point tensor, got {t.dtype} {Shape(t)}.");
            return t;
        }
    }
}
