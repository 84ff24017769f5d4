using System.IO;
using Distill.Mpi;
using Distill.Runtime;

namespace Distill.Cli
{
    /// <summary>
    /// The processes this invocation runs with: MPI_COMM_WORLD under <c>mpirun -np K distill …</c>, one process
    /// otherwise. Only rank 0 prints (the others' standard output is discarded) and writes run files; training
    /// uses the group for its data-parallel steps (docs/distributed.md).
    /// </summary>
    internal static class Cluster
    {
        public static IProcessGroup Group { get; private set; } = SingleProcess.Instance;

        /// <summary>Joins the MPI job when started by mpirun; returns the standard output this rank should use.</summary>
        public static TextWriter Join(TextWriter output)
        {
            Group = MpiProcessGroup.FromEnvironment();
            return Group.Rank == 0 ? output : TextWriter.Null;
        }

        /// <summary>
        /// Marks this rank's run as stopped by a stop request: every rank stopped after the same step (the Distiller
        /// all-reduces the request), so none waits in a collective and the job ends with MPI_Finalize, not MPI_Abort,
        /// which could kill rank 0 while it writes its checkpoint and plots.
        /// </summary>
        public static void StoppedTogether() => _stoppedTogether = true;

        private static bool _stoppedTogether;

        /// <summary>
        /// Ends the MPI job: a barrier (every rank has written what it writes) and MPI_Finalize after success or a stop
        /// shared by all ranks; after a failure MPI_Abort, which stops the other ranks (they could otherwise wait
        /// forever in a collective this rank will never join).
        /// </summary>
        public static int Leave(int exitCode)
        {
            if (Group is MpiProcessGroup mpi)
            {
                if (exitCode != 0 && !_stoppedTogether) mpi.Abort(exitCode);
                else
                {
                    mpi.Barrier();
                    mpi.Dispose();
                }
            }
            return exitCode;
        }
    }
}
