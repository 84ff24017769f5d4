using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Distill.Runtime.Terms;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime
{
    /// <summary>
    /// What every input of one <c>Compute</c> must agree on, taken from the inputs in ordinal name order: the
    /// device of the first live input and the floating dtype of the first live floating-point input. The fused
    /// CPU kernels read raw element buffers, so a float32 teacher next to a float64 student would otherwise be
    /// read as the wrong type; inputs are refused rather than converted, so that no copy or precision change
    /// happens behind the caller's back.
    /// </summary>
    internal sealed class InputReference
    {
        private readonly string? _deviceInput, _dtypeInput;
        private readonly DeviceType _deviceType;
        private readonly long _deviceIndex;
        private readonly ScalarType _dtype;

        // Every Compute builds one: a plain scan for the smallest names (no sort, no Device objects), since at loss sizes
        // the per-call overhead is a visible part of a step.
        public InputReference(IReadOnlyDictionary<string, Tensor> inputs)
        {
            foreach (var (name, t) in inputs)
            {
                if (t is null || t.IsInvalid) continue;
                if (_deviceInput is null || string.CompareOrdinal(name, _deviceInput) < 0)
                {
                    _deviceInput = name;
                    _deviceType = t.device_type;
                    _deviceIndex = t.device_index;
                }
                if ((_dtypeInput is null || string.CompareOrdinal(name, _dtypeInput) < 0) && IsSupported(t.dtype))
                {
                    _dtypeInput = name;
                    _dtype = t.dtype;
                }
            }
        }

        /// <summary>The floating dtypes the terms compute in.</summary>
        public static bool IsSupported(ScalarType dtype) => dtype is ScalarType.Float32 or ScalarType.Float64;

        public void Check(TermContext context, string name, Tensor t, bool checkFinite)
        {
            if (t.IsInvalid)
                throw context.Error(name, "the tensor has been disposed (its handle is empty); pass a live tensor.");
            if (_deviceInput is not null && !SameDevice(t, _deviceType, _deviceIndex))
                throw context.Error(name, $"expected a tensor on {new Device(_deviceType, (int)_deviceIndex)} like '{_deviceInput}', got one on {t.device}; move the inputs to one device first.");
            if (!t.is_floating_point()) return;
            if (!IsSupported(t.dtype))
                throw context.Error(name, $"expected float32 or float64, got {t.dtype} {TermChecks.Shape(t)}; half-precision inputs are not supported, convert them with .to(ScalarType.Float32).");
            if (_dtypeInput is not null && t.dtype != _dtype)
                throw context.Error(name, $"expected {_dtype} like '{_dtypeInput}', got {t.dtype} {TermChecks.Shape(t)}; convert the inputs to one dtype first.");
            if (checkFinite && t.numel() > 0 && !IsFinite(t))
            {
                using var scope = NewDisposeScope();
                using var _ = no_grad();
                long bad = t.numel() - t.detach().isfinite().sum().item<long>();
                throw context.Error(name, $"holds {bad} non-finite value{(bad == 1 ? "" : "s")} (NaN or ±Inf) in {TermChecks.Shape(t)}; "
                    + "fix the batch or the model upstream, or set the objective's CheckFinite = false to skip this check.");
            }
        }

        /// <summary>
        /// Whether every element is finite. A contiguous CPU tensor is scanned in place on the host (SIMD, no
        /// kernel launch, no thread wake-up, nothing allocated): at the sizes of a loss's inputs that is a few
        /// microseconds, where the two libtorch reductions it replaces cost more than the loss terms themselves
        /// (docs/performance.md). Elsewhere two reductions that allocate nothing of the input's size: max and min
        /// propagate NaN, and +Inf / −Inf are the max / min when present. The count for the message is only
        /// computed when this fails.
        /// </summary>
        private static bool IsFinite(Tensor t)
        {
            if (t.device_type == DeviceType.CPU && t.is_contiguous())
            {
                if (t.dtype == ScalarType.Float32) return HostScan.AllFinite(MemoryMarshal.Cast<byte, float>(t.bytes));
                if (t.dtype == ScalarType.Float64) return HostScan.AllFinite(MemoryMarshal.Cast<byte, double>(t.bytes));
            }
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var d = t.detach();
            return double.IsFinite(d.max().ToDouble()) && double.IsFinite(d.min().ToDouble());
        }

        /// <summary>By type and index (two direct native reads; <c>Tensor.device</c> builds a new Device each time).</summary>
        private static bool SameDevice(Tensor t, DeviceType bType, long bIndex)
        {
            var type = t.device_type;
            long index = t.device_index;
            return type == bType && (index == bIndex || index < 0 && bIndex <= 0 || bIndex < 0 && index <= 0);
        }
    }
}
