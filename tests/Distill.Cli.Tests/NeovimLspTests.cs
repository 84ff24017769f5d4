using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;

namespace Distill.Cli.Tests;

/// <summary>
/// `distill lsp` driven by a real client we did not write: Neovim's built-in LSP client (Debian's
/// neovim 0.7, installed by .ci/run), headless, with tests/editors/neovim-lsp.lua and the recipe
/// in editors/neovim/distill.lua that docs/editors.md tells users to install.
/// </summary>
public class NeovimLspTests
{
    private static string RepositoryRoot([CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    [Fact]
    public async System.Threading.Tasks.Task Neovim_sees_the_diagnostic_completes_kd_and_hovers_its_formula()
    {
        string distill = Path.Combine(AppContext.BaseDirectory, "distill.dll");
        var start = new ProcessStartInfo("nvim", ["--headless", "-u", "NONE", "-c", "luafile tests/editors/neovim-lsp.lua"])
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DISTILL_LSP"] = $"dotnet {distill} lsp";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("nvim is not installed; install Debian's 'neovim' package (.ci/run does)", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            bool exited = process.WaitForExit(TimeSpan.FromSeconds(150));
            if (!exited) process.Kill(entireProcessTree: true);
            string report = await output + await error;
            Assert.True(exited, "nvim did not finish within 150 s:\n" + report);
            Assert.True(process.ExitCode == 0, report);
            Assert.Contains("ok   diagnostic at 2:15", report);
            Assert.Contains("ok   completion after k offers kd", report);
            Assert.Contains("ok   hover on kd shows its formula", report);
        }
    }
}
