using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Distill.Mpi.Tests;

/// <summary>Starts jobs through the repository's <c>scripts/mpirun.sh</c> (the flags this machine needs), with a time bound.</summary>
internal static class MpiRun
{
    public sealed record Outcome(int ExitCode, string Output, TimeSpan Elapsed, string Folder);

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Distill.sln"))) return dir.FullName;
            throw new InvalidOperationException($"no Distill.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>Runs <paramref name="arguments"/> as K ranks; kills the job and fails after <paramref name="timeout"/>.</summary>
    public static Outcome Start(int ranks, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "mpirun.sh"));
        start.ArgumentList.Add("-np");
        start.ArgumentList.Add(ranks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // One torch thread per rank: K ranks share this machine's cores.
        start.Environment["OMP_NUM_THREADS"] = "1";
        var clock = Stopwatch.StartNew();
        using var job = Process.Start(start)!;
        var stdout = job.StandardOutput.ReadToEndAsync();
        var stderr = job.StandardError.ReadToEndAsync();
        if (!job.WaitForExit(timeout))
        {
            job.Kill(entireProcessTree: true);
            job.WaitForExit();
            throw new TimeoutException($"mpirun -np {ranks} {string.Join(' ', arguments)} ran past {timeout.TotalSeconds} s:\n{stdout.Result}\n{stderr.Result}");
        }
        Task.WaitAll(stdout, stderr);
        return new Outcome(job.ExitCode, stdout.Result + stderr.Result, clock.Elapsed, "");
    }

    /// <summary>
    /// Runs the test host's <paramref name="scenario"/> as K ranks and reads each rank's report, in
    /// <paramref name="folder"/> (kept) or a new temporary folder (deleted).
    /// </summary>
    public static (Outcome Outcome, T[] Reports) Host<T>(string scenario, int ranks, TimeSpan timeout, string? folder = null)
    {
        bool temporary = folder is null;
        folder ??= Directory.CreateTempSubdirectory("distill-mpi-").FullName;
        try
        {
            var outcome = Start(ranks, timeout, "dotnet", typeof(MpiHost).Assembly.Location, "mpi-host", scenario, folder) with { Folder = folder };
            var reports = Enumerable.Range(0, ranks)
                .Select(r => Path.Combine(folder, $"rank{r}.json"))
                .Where(File.Exists)
                .Select(p => JsonSerializer.Deserialize<T>(File.ReadAllText(p))!)
                .ToArray();
            return (outcome, reports);
        }
        finally
        {
            if (temporary) Directory.Delete(folder, recursive: true);
        }
    }
}
