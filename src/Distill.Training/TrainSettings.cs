using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;
namespace Distill.Training
{
    /// <summary>
    /// Everything that decides a training run's numbers. The learning rate follows a cosine from
    /// <see cref="LearningRate"/> to 0 over all steps; batches come from the <see cref="Sampler"/>, a
    /// pure function of (seed, epoch, index). <see cref="CheckpointEvery"/> adds step checkpoints to the
    /// one written after every epoch (0: epochs only). <see cref="StopAfterSteps"/> ends the run
    /// early at that global step, as an interruption would (0: never). <see cref="Threads"/> is
    /// libtorch's intra-op thread count: results depend on it, and on a shared machine one thread
    /// is several times faster than two that contend with other processes.
    /// </summary>
    public sealed record TrainSettings
    {
        public int Epochs { get; init; } = 5;
        public int BatchSize { get; init; } = 128;
        public double LearningRate { get; init; } = 0.05;
        public double Momentum { get; init; } = 0.9;
        public double WeightDecay { get; init; } = 5e-4;
        public int Seed { get; init; } = 1;
        public string Device { get; init; } = "cpu";
        public int Threads { get; init; } = 1;
        /// <summary>The batch sampler (see <see cref="Batches"/>): auto, shuffle, class-uniform or companion.</summary>
        public string Sampler { get; init; } = "auto";
        public int CheckpointEvery { get; init; }
        /// <summary>Measure each term's gradient share every N steps (0: once per epoch; negative: never); see <see cref="Distiller.GradShareEvery"/>.</summary>
        public int GradShareEvery { get; init; }
        public long StopAfterSteps { get; init; }
        /// <summary>The processes of a data-parallel run (mpirun's -np), each on BatchSize/Ranks rows of every batch; 1 without MPI.</summary>
        public int Ranks { get; init; } = 1;
        /// <summary>With Ranks &gt; 1, BatchNorm over the global batch (<see cref="Models.SyncBatchNorm"/>), so the run follows the one-process trajectory; false: per-rank statistics (DDP without SyncBatchNorm). No effect with one rank.</summary>
        public bool SyncBatchNorm { get; init; } = true;
    }
}
