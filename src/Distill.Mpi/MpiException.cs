using System;

namespace Distill.Mpi
{
    /// <summary>An MPI call returned an error (MPI_ERRORS_RETURN is set on the world communicator), or ranks disagreed.</summary>
    public sealed class MpiException(string message) : Exception(message);
}
