using System;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime
{
    /// <summary>Device selection from a user string: "cpu", "cuda" or "cuda:N".</summary>
    public static class Devices
    {
        public const string CudaBuildSwitch = "-p:DistillCuda=true";

        /// <summary>
        /// The device <paramref name="spec"/> names. Throws <see cref="ArgumentException"/> for an
        /// unknown spelling and <see cref="InvalidOperationException"/> when CUDA is requested but
        /// TorchSharp has no CUDA backend or no such GPU.
        /// </summary>
        public static Device Parse(string spec)
        {
            string s = spec.Trim().ToLowerInvariant();
            if (s == "cpu") return CPU;
            if (s != "cuda" && !s.StartsWith("cuda:", StringComparison.Ordinal))
                throw new ArgumentException($"Unknown device '{spec}': use cpu, cuda or cuda:N.");
            int index = 0;
            if (s.Length > 4 && !int.TryParse(s.Substring(5), NumberStyles.None, CultureInfo.InvariantCulture, out index))
                throw new ArgumentException($"Unknown device '{spec}': the GPU index in cuda:N must be a number.");
            if (!cuda.is_available())
                throw new InvalidOperationException(
                    $"Device '{spec}' needs CUDA, but this build of TorchSharp has no CUDA backend (torch.cuda.is_available() is false). " +
                    $"Reference a CUDA libtorch (TorchSharp-cuda-linux or TorchSharp-cuda-windows) instead of a CPU one, or build this repository with `{CudaBuildSwitch}`; " +
                    "it needs an NVIDIA driver (see docs/cuda.md). Or use the cpu device.");
            int count = cuda.device_count();
            if (index >= count)
                throw new InvalidOperationException($"Device '{spec}': there are {count} CUDA device(s), numbered 0 to {count - 1}.");
            return new Device(DeviceType.CUDA, index);
        }
    }
}
