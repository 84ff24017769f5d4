using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Distill.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Mpi
{
    /// <summary>
    /// <see cref="IProcessGroup"/> over MPI_COMM_WORLD (Open MPI). Tensors travel through host memory: CPU
    /// tensors in place, others copied to the CPU and back (docs/distributed.md says how a CUDA build maps this
    /// to CUDA-aware MPI or NCCL). Calls that fail throw <see cref="MpiException"/> instead of aborting, and a
    /// rank that dies ends the job: mpirun stops the other ranks (see docs/distributed.md, "Failure").
    /// </summary>
    public sealed class MpiProcessGroup : IProcessGroup, IDisposable
    {
        private const int MetaLength = 8;
        private static MpiProcessGroup? _world;
        private bool _finalized;

        private MpiProcessGroup(int rank, int size)
        {
            Rank = rank;
            Size = size;
        }

        public int Rank { get; }
        public int Size { get; }

        /// <summary>Whether this process was started by Open MPI's launcher (mpirun / mpiexec set these variables).</summary>
        public static bool Launched =>
            Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is not null
            || Environment.GetEnvironmentVariable("PMIX_RANK") is not null;

        /// <summary>The world group under mpirun (initialising MPI once); <see cref="SingleProcess"/> otherwise.</summary>
        public static IProcessGroup FromEnvironment() => Launched ? World() : SingleProcess.Instance;

        /// <summary>Initialises MPI (once per process) and returns MPI_COMM_WORLD's group.</summary>
        public static MpiProcessGroup World()
        {
            if (_world is not null) return _world;
            MpiNative.Load();
            Check(MpiNative.MPI_Initialized(out int initialised), "MPI_Initialized");
            if (initialised == 0) Check(MpiNative.MPI_Init(0, 0), "MPI_Init");
            Check(MpiNative.MPI_Comm_set_errhandler(MpiNative.CommWorld, MpiNative.ErrorsReturn), "MPI_Comm_set_errhandler");
            Check(MpiNative.MPI_Comm_rank(MpiNative.CommWorld, out int rank), "MPI_Comm_rank");
            Check(MpiNative.MPI_Comm_size(MpiNative.CommWorld, out int size), "MPI_Comm_size");
            return _world = new MpiProcessGroup(rank, size);
        }

        public Tensor[] AllGather(Tensor rows)
        {
            if (rows.dim() < 1 || rows.dim() > MetaLength - 2)
                throw new ArgumentException($"all-gather needs a tensor of 1 to {MetaLength - 2} dimensions, got [{string.Join(", ", rows.shape)}].", nameof(rows));
            using var scope = NewDisposeScope();
            var host = rows.detach().to(CPU).contiguous();
            var meta = new long[MetaLength];
            meta[0] = rows.shape[0];
            meta[1] = (long)rows.dtype;
            for (int d = 1; d < rows.dim(); d++) meta[d + 1] = rows.shape[d];
            var all = new long[MetaLength * Size];
            Check(MpiNative.MPI_Allgather(meta, MetaLength, MpiNative.Int64, all, MetaLength, MpiNative.Int64, MpiNative.CommWorld), "MPI_Allgather");
            var counts = new long[Size];
            for (int r = 0; r < Size; r++)
            {
                counts[r] = all[r * MetaLength];
                if (!all.AsSpan(r * MetaLength + 1, MetaLength - 1).SequenceEqual(meta.AsSpan(1)))
                    throw new MpiException($"all-gather: rank {r} sent {Describe(all.AsSpan(r * MetaLength, MetaLength))} but rank {Rank} sent {Describe(meta)}; "
                        + "every rank must send the same dtype and row shape.");
            }
            long rowBytes = rows.shape[0] == 0 ? RowBytes(rows) : host.bytes.Length / rows.shape[0];
            long total = counts.Sum();
            var byteCounts = counts.Select(c => ToInt(c * rowBytes, "all-gather")).ToArray();
            var displacements = new int[Size];
            for (int r = 1; r < Size; r++) displacements[r] = ToInt((long)displacements[r - 1] + byteCounts[r - 1], "all-gather");
            var shape = rows.shape.ToArray();
            shape[0] = total;
            var result = empty(shape, rows.dtype, CPU);
            Check(MpiNative.MPI_Allgatherv(ref MemoryMarshal.GetReference(host.bytes), byteCounts[Rank], MpiNative.Byte,
                ref MemoryMarshal.GetReference(result.bytes), byteCounts, displacements, MpiNative.Byte, MpiNative.CommWorld), "MPI_Allgatherv");
            var parts = new Tensor[Size];
            long offset = 0;
            for (int r = 0; r < Size; r++)
            {
                parts[r] = result.narrow(0, offset, counts[r]).to(rows.device).MoveToOuterDisposeScope();
                offset += counts[r];
            }
            return parts;
        }

        public void AllReduceSum(Tensor tensor)
        {
            var type = tensor.dtype switch
            {
                ScalarType.Float32 => MpiNative.Float,
                ScalarType.Float64 => MpiNative.Double,
                ScalarType.Int64 => MpiNative.Int64,
                _ => throw new ArgumentException($"all-reduce supports float32, float64 and int64, got {tensor.dtype}.", nameof(tensor)),
            };
            ThroughHost(tensor, host =>
            {
                var bytes = host.bytes;
                int elementSize = (int)host.ElementSize;
                long elements = host.numel();
                const long Chunk = int.MaxValue / 16;
                for (long start = 0; start < elements; start += Chunk)
                {
                    int count = (int)Math.Min(Chunk, elements - start);
                    Check(MpiNative.MPI_Allreduce(MpiNative.InPlace, ref bytes[(int)(start * elementSize)], count, type, MpiNative.Sum, MpiNative.CommWorld), "MPI_Allreduce");
                }
            });
        }

        public void Broadcast(Tensor tensor, int root)
        {
            if (root < 0 || root >= Size) throw new ArgumentOutOfRangeException(nameof(root), $"root {root} is not a rank of {Size}.");
            ThroughHost(tensor, host =>
            {
                var bytes = host.bytes;
                const int Chunk = int.MaxValue / 2;
                for (int start = 0; start < bytes.Length; start += Chunk)
                {
                    int count = Math.Min(Chunk, bytes.Length - start);
                    Check(MpiNative.MPI_Bcast(ref bytes[start], count, MpiNative.Byte, root, MpiNative.CommWorld), "MPI_Bcast");
                }
            });
        }

        public void Barrier() => Check(MpiNative.MPI_Barrier(MpiNative.CommWorld), "MPI_Barrier");

        /// <summary>Ends every rank of the job with <paramref name="code"/> (MPI_Abort): what a rank does on an error the others cannot see.</summary>
        public void Abort(int code) => MpiNative.MPI_Abort(MpiNative.CommWorld, code);

        /// <summary>MPI_Finalize (collective: every rank calls it once, at the end).</summary>
        public void Dispose()
        {
            if (_finalized) return;
            _finalized = true;
            Check(MpiNative.MPI_Finalized(out int done), "MPI_Finalized");
            if (done == 0) Check(MpiNative.MPI_Finalize(), "MPI_Finalize");
        }

        /// <summary>Runs <paramref name="action"/> on a contiguous CPU tensor holding <paramref name="tensor"/>'s values, then copies back if that was a copy.</summary>
        private static void ThroughHost(Tensor tensor, Action<Tensor> action)
        {
            bool direct = tensor.device_type == DeviceType.CPU && tensor.is_contiguous();
            if (direct)
            {
                if (tensor.numel() > 0) action(tensor);
                return;
            }
            using var host = tensor.detach().to(CPU).contiguous();
            if (host.numel() > 0) action(host);
            using (no_grad()) tensor.copy_(host);
        }

        private static long RowBytes(Tensor rows) => rows.ElementSize * rows.shape.Skip(1).Aggregate(1L, (a, b) => a * b);

        private static int ToInt(long bytes, string what) => bytes <= int.MaxValue
            ? (int)bytes
            : throw new MpiException($"{what}: {bytes} bytes exceed MPI's int count; send smaller batches.");

        private static string Describe(ReadOnlySpan<long> meta)
        {
            var sb = new StringBuilder($"dtype {(ScalarType)meta[1]}, row shape [");
            sb.Append(string.Join(", ", meta[2..].ToArray().TakeWhile(d => d != 0)));
            return sb.Append(']').ToString();
        }

        private static void Check(int code, string call)
        {
            if (code == MpiNative.Success) return;
            var text = new byte[256];
            MpiNative.MPI_Error_string(code, text, out int length);
            throw new MpiException($"{call} failed (MPI error {code}: {Encoding.ASCII.GetString(text, 0, Math.Clamp(length, 0, text.Length))}).");
        }
    }
}
