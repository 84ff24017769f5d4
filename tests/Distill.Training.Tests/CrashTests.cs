using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training.Tests;

public sealed class CrashTests
{
    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    [InlineData("HUP", 129)]
    public void A_signal_stops_the_run_after_its_step_with_a_checkpoint_that_resumes_bit_identically(string signal, int status)
    {
        string dir = Directory.CreateTempSubdirectory("distill-signal-").FullName;
        try
        {
            string checkpoint = Path.Combine(dir, "run.ckpt"), marker = Path.Combine(dir, "waiting");
            var start = Host("signal-host", checkpoint, marker);
            start.RedirectStandardOutput = true;
            using (var child = Process.Start(start)!)
            {
                while (!File.Exists(marker) && !child.HasExited) Thread.Sleep(50);
                Assert.True(File.Exists(marker), $"the child exited with {(child.HasExited ? child.ExitCode : 0)} before step {CrashHost.SignalStep}");
                using (var kill = Process.Start("kill", ["-" + signal, child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
                string output = child.StandardOutput.ReadToEnd();
                Assert.True(child.WaitForExit(60_000), "the child did not stop after the signal");
                Assert.Equal(status, child.ExitCode);
                Assert.Contains($"stopped at step {CrashHost.SignalStep}, interrupted True", output);
            }
            var (header, tensors) = CheckpointFile.Load(checkpoint);
            foreach (var t in tensors.Values) t.Dispose();
            Assert.Equal(CrashHost.SignalStep, RunState.FromJson(header, checkpoint).GlobalStep);

            var whole = Runs.Distil(CrashHost.Settings);
            var resumed = Runs.Distil(CrashHost.Settings, checkpoint, resume: true);
            Assert.Equal(whole.Weights, resumed.Weights);
            Assert.Equal(whole.Counter, resumed.Counter);
            Assert.Equal(whole.State.Steps.Select(s => (s.Step, s.Total)), resumed.State.Steps.Select(s => (s.Step, s.Total)));
            Assert.Equal(whole.State.Epochs, resumed.State.Epochs.Select((e, i) => e with { Seconds = whole.State.Epochs[i].Seconds }));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static ProcessStartInfo Host(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var arg in new[] { "exec", typeof(CrashHost).Assembly.Location }.Concat(args)) start.ArgumentList.Add(arg);
        return start;
    }

    [Fact]
    public void A_run_killed_with_SIGKILL_during_a_save_resumes_without_losing_anything()
    {
        string dir = Directory.CreateTempSubdirectory("distill-crash-").FullName;
        try
        {
            string checkpoint = Path.Combine(dir, "run.ckpt"), marker = Path.Combine(dir, "stalled");
            var start = Host("crash-host", checkpoint);
            start.Environment[CheckpointFile.StallVariable] = "3:" + marker;
            using (var child = Process.Start(start)!)
            {
                while (!File.Exists(marker) && !child.HasExited) Thread.Sleep(50);
                Assert.True(File.Exists(marker), $"the child exited with {(child.HasExited ? child.ExitCode : 0)} before stalling in its third save");
                child.Kill();
                child.WaitForExit();
            }
            Assert.True(File.Exists(checkpoint + ".tmp"), "the interrupted save left its temporary file");
            var (header, tensors) = CheckpointFile.Load(checkpoint);
            foreach (var t in tensors.Values) t.Dispose();
            Assert.Equal(4, RunState.FromJson(header, checkpoint).GlobalStep);

            var whole = Runs.Distil(CrashHost.Settings);
            var resumed = Runs.Distil(CrashHost.Settings, checkpoint, resume: true);
            Assert.Equal(whole.Weights, resumed.Weights);
            Assert.Equal(whole.Counter, resumed.Counter);
            Assert.Equal(whole.State.Steps.Count, resumed.State.Steps.Count);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
