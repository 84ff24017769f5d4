using System;
using System.IO;
using System.Threading;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training.Tests;

/// <summary>
/// The test assembly's entry point. <c>crash-host CHECKPOINT</c> runs the distilling tiny run with
/// step checkpoints, so <see cref="CrashTests"/> can kill it with SIGKILL in the middle of a save.
/// <c>signal-host CHECKPOINT MARKER</c> runs it under <see cref="StopSignals"/> and, after step
/// <see cref="SignalStep"/>, creates MARKER and waits in that step's observer until a signal asks to
/// stop, so a test can send a real signal at a known step; it exits with the signal's status.
/// </summary>
internal static class CrashHost
{
    public const int SignalStep = 3;

    public static TrainSettings Settings => Runs.Settings with { CheckpointEvery = 2 };

    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "crash-host")
        {
            Runs.Distil(Settings, args[1], resume: true);
            return 0;
        }
        if (args.Length == 3 && args[0] == "signal-host")
        {
            using var signals = new StopSignals();
            var state = Runs.Distil(Settings, args[1], observer: new WaitForSignal(args[2], signals.Token), stop: signals.Token).State;
            Console.WriteLine($"stopped at step {state.GlobalStep}, interrupted {state.Interrupted}");
            return state.Interrupted ? signals.ExitCode : 0;
        }
        Console.Error.WriteLine("usage: crash-host CHECKPOINT | signal-host CHECKPOINT MARKER");
        return 2;
    }

    private sealed class WaitForSignal(string marker, CancellationToken stop) : ITrainingObserver
    {
        public void OnStart(TrainingState state, int stepsPerEpoch) { }
        public void OnEpoch(EpochMetrics epoch) { }
        public void OnCheckpoint(string path) { }

        public void OnStep(StepMetrics step)
        {
            if (step.Step != SignalStep) return;
            File.WriteAllText(marker, "");
            stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(60));
        }
    }
}
