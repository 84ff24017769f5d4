using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training.Tests;

public sealed class CrashTests
{
    [Fact]
    public void A_run_killed_with_SIGKILL_during_a_save_resumes_without_losing_anything()
    {
        string dir = Directory.CreateTempSubdirectory("distill-crash-").FullName;
        try
        {
            string checkpoint = Path.Combine(dir, "run.ckpt"), marker = Path.Combine(dir, "stalled");
            string dll = typeof(CrashHost).Assembly.Location;
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
            foreach (var arg in new[] { "exec", dll, "crash-host", checkpoint }) start.ArgumentList.Add(arg);
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
