using System;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training.Tests;

/// <summary>
/// The test assembly's entry point: <c>crash-host CHECKPOINT</c> runs the distilling tiny run with
/// step checkpoints, so <see cref="CrashTests"/> can kill it with SIGKILL in the middle of a save.
/// </summary>
internal static class CrashHost
{
    public static TrainSettings Settings => Runs.Settings with { CheckpointEvery = 2 };

    public static int Main(string[] args)
    {
        if (args.Length != 2 || args[0] != "crash-host")
        {
            Console.Error.WriteLine("usage: crash-host CHECKPOINT");
            return 2;
        }
        Runs.Distil(Settings, args[1], resume: true);
        return 0;
    }
}
