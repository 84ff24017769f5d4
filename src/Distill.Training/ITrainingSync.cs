using System.Collections.Generic;
using TorchSharp.Modules;

namespace Distill.Training
{
    /// <summary>
    /// The two places a multi-process run joins the loop: once before step one (make every process start from
    /// the same weights, e.g. broadcast rank 0's), and in every step after <c>backward()</c> and before the
    /// optimiser step (average the gradients across processes). The default, <see cref="None"/>, is one process.
    /// </summary>
    public interface ITrainingSync
    {
        /// <summary>Called once, after a resume (if any) and before the first step, with every trained parameter.</summary>
        void BroadcastParameters(IReadOnlyList<Parameter> parameters);

        /// <summary>Called after <c>backward()</c>, before <c>optimizer.step()</c>.</summary>
        void AverageGradients(IReadOnlyList<Parameter> parameters);

        /// <summary>A single process: both calls do nothing.</summary>
        public static ITrainingSync None { get; } = new SingleProcess();

        private sealed class SingleProcess : ITrainingSync
        {
            public void BroadcastParameters(IReadOnlyList<Parameter> parameters) { }
            public void AverageGradients(IReadOnlyList<Parameter> parameters) { }
        }
    }
}
