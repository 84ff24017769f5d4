using System;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>Copies between small CPU tensors and managed arrays, for the fused CPU kernels.</summary>
    internal static class HostArrays
    {
        /// <summary>A CPU tensor's elements copied into a managed array (one memcpy after <c>contiguous</c>).</summary>
        public static T[] Copy<T>(Tensor x) where T : unmanaged
        {
            Require<T>(x);
            var c = x.contiguous();
            var array = new T[c.numel()];
            MemoryMarshal.Cast<byte, T>(c.bytes).CopyTo(array);
            return array;
        }

        /// <summary>Whether the fused CPU passes take <paramref name="x"/>: a float32 or float64 tensor on the CPU.</summary>
        public static bool IsHostFloat(Tensor x) => x.device_type == DeviceType.CPU && x.dtype is ScalarType.Float32 or ScalarType.Float64;

        /// <summary>The elements of a contiguous CPU tensor of <typeparamref name="T"/>, in place (no copy): what the fused passes read and write.</summary>
        public static Span<T> Span<T>(Tensor t) where T : unmanaged
        {
            Require<T>(t);
            if (!t.is_contiguous()) throw new ArgumentException("fused CPU kernel: expected a contiguous tensor.", nameof(t));
            return MemoryMarshal.Cast<byte, T>(t.bytes);
        }

        /// <summary>
        /// The elements of a CPU tensor of <typeparamref name="T"/> to read: in place when it is contiguous (whether or not it
        /// requires grad), else from a contiguous copy. Saves the detach and contiguous calls (two dispatches) of the usual case.
        /// </summary>
        public static Span<T> Read<T>(Tensor t) where T : unmanaged => Span<T>(t.is_contiguous() ? t : t.detach().contiguous());

        /// <summary>
        /// Throws unless <paramref name="x"/> is a CPU tensor whose elements are <typeparamref name="T"/>: the fused
        /// kernels reinterpret its bytes, so a tensor of another dtype would be read as garbage, not converted.
        /// The term input checks refuse mixed dtypes first; this is the kernels' own guard behind them.
        /// </summary>
        public static void Require<T>(Tensor x) where T : unmanaged
        {
            var expected = ScalarTypeOf<T>();
            if (x.dtype != expected || x.device_type != DeviceType.CPU)
                throw new InvalidOperationException($"fused CPU kernel: expected a CPU {expected} tensor, got {x.dtype} on {x.device}.");
        }

        private static ScalarType ScalarTypeOf<T>() where T : unmanaged => default(T) switch
        {
            float => ScalarType.Float32,
            double => ScalarType.Float64,
            long => ScalarType.Int64,
            int => ScalarType.Int32,
            _ => throw new NotSupportedException(typeof(T).Name),
        };

        /// <summary>
        /// A 0-dim tensor holding <paramref name="value"/> in <paramref name="like"/>'s dtype and device: how the fused passes
        /// return their loss. On the CPU in float32 or float64 one native call; <c>tensor(value, dtype, device)</c> makes a
        /// float64 scalar and converts it (5.7 against 2.1 µs a call on a Zen 1 EPYC).
        /// </summary>
        public static Tensor Scalar(double value, Tensor like)
        {
            if (like.device_type == DeviceType.CPU)
            {
                var dtype = like.dtype;
                if (dtype == ScalarType.Float32) return tensor((float)value, CPU);
                if (dtype == ScalarType.Float64) return tensor(value, (ScalarType?)null, CPU);
            }
            return tensor(value, like.dtype, like.device);
        }

        /// <summary>A float or double array as a tensor of that dtype.</summary>
        public static Tensor ToTensor<T>(T[] values, long[] shape) where T : unmanaged => values switch
        {
            float[] f => tensor(f, shape),
            double[] d => tensor(d, shape),
            _ => throw new NotSupportedException(typeof(T).Name),
        };
    }
}
