using System;

namespace Distill.Cli.Runs
{
    /// <summary>A run stopped by a signal after writing its checkpoint (and plots); the message says where and how to resume, <see cref="ExitCode"/> is 128 + the signal.</summary>
    public sealed class RunInterruptedException(string message, int exitCode) : Exception(message)
    {
        public int ExitCode { get; } = exitCode;
    }
}
