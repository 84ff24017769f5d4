using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Distill.Training
{
    /// <summary>
    /// Turns the first SIGINT, SIGTERM or SIGHUP into a stop request (<see cref="Token"/>) instead of
    /// ending the process, so <see cref="Trainer.Run"/> can finish its step and write a checkpoint. A
    /// second signal is left to the default handler and ends the process at once. Dispose to restore
    /// the default handling.
    /// </summary>
    public sealed class StopSignals : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly PosixSignalRegistration[] _registrations;

        public StopSignals()
        {
            _registrations = [Register(PosixSignal.SIGINT), Register(PosixSignal.SIGTERM), Register(PosixSignal.SIGHUP)];
        }

        /// <summary>Cancelled by the first signal.</summary>
        public CancellationToken Token => _stop.Token;

        /// <summary>The signal that asked to stop, once one has.</summary>
        public PosixSignal? Received { get; private set; }

        /// <summary>The conventional exit status after <see cref="Received"/>: 128 + its number (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP).</summary>
        public int ExitCode => Received switch
        {
            PosixSignal.SIGINT => 130,
            PosixSignal.SIGTERM => 143,
            PosixSignal.SIGHUP => 129,
            _ => 1,
        };

        private PosixSignalRegistration Register(PosixSignal signal) => PosixSignalRegistration.Create(signal, context =>
        {
            if (Received is not null) return;
            Received = context.Signal;
            context.Cancel = true;
            _stop.Cancel();
        });

        public void Dispose()
        {
            foreach (var r in _registrations) r.Dispose();
            _stop.Dispose();
        }
    }
}
