using System;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>Copies between small CPU tensors and managed arrays, for the fused CPU kernels.</summary>
    internal static class HostArrays
    {
        /// <summary>A CPU tensor's elements copied into a managed array (one memcpy after <c>contiguous</c>).</summary>
        public static T[] Copy<T>(Tensor x) where T : unmanaged
        {
            var c = x.contiguous();
            var array = new T[c.numel()];
            MemoryMarshal.Cast<byte, T>(c.bytes).CopyTo(array);
            return array;
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
