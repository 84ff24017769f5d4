using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Distill.Runtime.Terms
{
    /// <summary>Read-only scans of CPU tensor buffers on the host, for the input checks.</summary>
    internal static class HostScan
    {
        /// <summary>
        /// Whether no element is NaN or ±Inf: x − x is exactly 0 for every finite x and NaN for NaN and ±Inf, and a
        /// NaN stays NaN through every later addition, so the lane sums of x − x are all 0 exactly when every
        /// element is finite. One subtraction and one addition per vector; a scalar tail.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static bool AllFinite<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
        {
            var acc = Vector<T>.Zero;
            int width = Vector<T>.Count, i = 0;
            ref T first = ref MemoryMarshal.GetReference(values);
            for (; i + width <= values.Length; i += width)
            {
                var v = Vector.LoadUnsafe(ref first, (nuint)i);
                acc += v - v;
            }
            if (!Vector.EqualsAll(acc, Vector<T>.Zero)) return false;
            for (; i < values.Length; i++)
                if (!T.IsFinite(values[i])) return false;
            return true;
        }

        /// <summary>The smallest and largest of <paramref name="values"/> (long.MaxValue, long.MinValue when empty).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static (long Min, long Max) Range(ReadOnlySpan<long> values)
        {
            long min = long.MaxValue, max = long.MinValue;
            foreach (long v in values)
            {
                if (v < min) min = v;
                if (v > max) max = v;
            }
            return (min, max);
        }
    }
}
