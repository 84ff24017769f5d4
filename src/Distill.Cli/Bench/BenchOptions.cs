using System.Collections.Generic;

namespace Distill.Cli.Bench
{
    /// <summary>What <c>distill bench</c> was asked to do (see BenchCommand for each option).</summary>
    internal sealed record BenchOptions(IReadOnlyList<long> Batches, BenchShape Shape, int Threads, StepTimer Timer, bool Memory, int Steps);
}
