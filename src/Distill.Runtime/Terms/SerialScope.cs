using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// Runs a small term's libtorch calls on the calling thread alone (<c>set_num_threads(1)</c>, restored on dispose).
    /// At loss sizes every parallel region libtorch or MKL opens costs more than it saves: with OMP_WAIT_POLICY=PASSIVE
    /// (the benchmark protocol, and what a shared 2-core machine needs) each region wakes a sleeping worker, 20–40 µs
    /// on the project's VMs, against a whole cross-entropy step of 55 µs; measured per term in docs/performance.md.
    /// The built-in terms whose work grows past that (seed's K×D products, rkd.angle's N³ loop, large batches in the
    /// others) keep the caller's threads. Changing the count is a store to libtorch's setting and OpenMP's (0.2 µs for
    /// a pair); it is process-wide in libtorch, so another thread running torch work at the same moment would also
    /// run single-threaded until the term returns.
    /// </summary>
    internal readonly struct SerialScope : IDisposable
    {
        /// <summary>Rows up to which the small terms run serially: at N = 256 one thread was faster for every one of them.</summary>
        public const long MaxRows = 256;

        /// <summary>
        /// Multiply-adds from which <see cref="Product"/> gives a matrix product the caller's threads back: N·D·N = 256·128·256
        /// (8.4 M) took 0.49 ms on one thread and 0.31 on two, 192·128·192 (4.7 M) 0.29 and 0.21, 128³ (2.1 M) 0.13 either
        /// way (Zen 1 EPYC, two cores, docs/performance.md).
        /// </summary>
        public const long ParallelProduct = 1L << 22;

        // The caller's thread count while a serial scope is open on this thread (0 outside one).
        [ThreadStatic] private static int t_callerThreads;

        private readonly int _restore;

        private SerialScope(int restore) => _restore = restore;

        /// <summary>One thread while the scope lives, when <paramref name="serial"/> and the caller allows more than one.</summary>
        public static SerialScope When(bool serial)
        {
            if (!serial) return default;
            int threads = get_num_threads();
            if (threads <= 1) return default;
            set_num_threads(1);
            t_callerThreads = threads;
            return new SerialScope(threads);
        }

        public void Dispose()
        {
            if (_restore <= 1) return;
            t_callerThreads = 0;
            set_num_threads(_restore);
        }

        /// <summary>
        /// <paramref name="a"/>·<paramref name="b"/> (<c>mm</c>); inside a serial scope, a product of at least
        /// <see cref="ParallelProduct"/> multiply-adds runs on the caller's threads, where the parallel region pays for itself.
        /// Float32 CPU products that need no autograd go to <see cref="HostGemm"/> where it is on.
        /// </summary>
        public static Tensor Product(Tensor a, Tensor b)
        {
            int caller = t_callerThreads;
            // With 512-bit vectors where MKL would take its AVX2 path (HostGemm): faster than MKL on either thread count,
            // and split across the caller's threads only where a product is large enough (HostGemm.ParallelWork).
            if (HostGemm.Enabled && a.dtype == ScalarType.Float32 && b.dtype == ScalarType.Float32 && a.device_type == DeviceType.CPU
                && b.device_type == DeviceType.CPU && !((a.requires_grad || b.requires_grad) && is_grad_enabled()))
                return HostGemm.Product(a, b, workers: caller > 1 ? caller : get_num_threads());
            if (caller <= 1 || a.size(0) * a.size(1) * b.size(1) < ParallelProduct) return a.mm(b);
            set_num_threads(caller);
            try { return a.mm(b); }
            finally { set_num_threads(1); }
        }
    }
}
