using static TorchSharp.torch;

namespace Distill.Runtime
{
    /// <summary>
    /// The processes of one data-parallel run, as terms, objectives and the training loop see them:
    /// <see cref="SingleProcess"/> by default, Distill.Mpi's <c>MpiProcessGroup</c> under <c>mpirun</c>.
    /// Every member is a collective: all ranks call it, in the same order, with tensors of the same
    /// dtype (and, except for the rows of <see cref="AllGather"/>, the same shape). Tensors may live on
    /// any device; an implementation copies through the host when its transport needs it.
    /// </summary>
    public interface IProcessGroup
    {
        /// <summary>This process's index, 0 ≤ Rank &lt; Size; rank 0 writes checkpoints and prints.</summary>
        int Rank { get; }

        /// <summary>The number of processes (K).</summary>
        int Size { get; }

        /// <summary>
        /// Every rank's <paramref name="rows"/>, in rank order (row counts may differ; the trailing shape
        /// and dtype must agree). Detached: see <see cref="Gathering.Rows"/> for the differentiable form.
        /// </summary>
        Tensor[] AllGather(Tensor rows);

        /// <summary>Replaces <paramref name="tensor"/> (contiguous; float32, float64 or int64) by its sum over all ranks.</summary>
        void AllReduceSum(Tensor tensor);

        /// <summary>Overwrites <paramref name="tensor"/> (contiguous) on every rank with rank <paramref name="root"/>'s.</summary>
        void Broadcast(Tensor tensor, int root);

        /// <summary>Returns once every rank has called it.</summary>
        void Barrier();
    }

    /// <summary>The group of one process: gathers return the input, reductions leave it as it is.</summary>
    public sealed class SingleProcess : IProcessGroup
    {
        public static SingleProcess Instance { get; } = new();

        private SingleProcess() { }

        public int Rank => 0;
        public int Size => 1;
        public Tensor[] AllGather(Tensor rows) => [rows.detach()];
        public void AllReduceSum(Tensor tensor) { }
        public void Broadcast(Tensor tensor, int root) { }
        public void Barrier() { }
    }
}
