using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Distill.Cli.Runs
{
    /// <summary>What a command may do with a run folder that already holds something.</summary>
    public enum FolderMode
    {
        /// <summary>The folder must be empty or absent.</summary>
        Fresh,
        /// <summary>Delete the run files an earlier run left (<see cref="RunFolder.RunFiles"/>) and start over.</summary>
        Force,
        /// <summary>The folder must hold a run (run.json) to continue.</summary>
        Resume,
    }

    /// <summary>
    /// A run folder held for the length of a command: <see cref="Open"/> takes an exclusive lock on
    /// <c>FOLDER/.lock</c> (an OS file lock, released when the process ends, however it ends), so a
    /// second command into the same folder is refused instead of interleaving with the first, and
    /// checks the folder against the <see cref="FolderMode"/>.
    /// </summary>
    public sealed class RunFolder : IDisposable
    {
        public const string LockFileName = ".lock";

        /// <summary>Everything a run writes into its folder; <see cref="FolderMode.Force"/> deletes these and nothing else.</summary>
        public static readonly string[] RunFiles =
            ["recipe.distill", "run.json", ModelRun.CheckpointFileName, ModelRun.CheckpointFileName + ".tmp", ModelRun.ExportFileName,
             "steps.csv", "steps.jsonl", "epochs.csv", "epochs.jsonl", "plots", TensorBoard.FolderName, "teacher"];

        private readonly FileStream _lock;
        private readonly bool _created;

        private RunFolder(string path, FileStream @lock, bool created)
        {
            Path = path;
            _lock = @lock;
            _created = created;
        }

        public string Path { get; }

        /// <summary>
        /// Locks and checks the folder. <paramref name="runs"/> names the sub-folders of a folder of several runs
        /// (demo's), which has no run.json of its own: those are what <see cref="FolderMode.Force"/> deletes there.
        /// </summary>
        public static RunFolder Open(string path, FolderMode mode, IReadOnlyList<string>? runs = null)
        {
            if (File.Exists(path)) throw new IOException($"{path}: the run folder is a file; give a folder to --out or --resume.");
            bool created = !Directory.Exists(path);
            Directory.CreateDirectory(path);
            string lockPath = System.IO.Path.Combine(path, LockFileName);
            FileStream @lock;
            try
            {
                @lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                throw new IOException($"{path}: another distill command is using this run folder (it holds {LockFileName}); wait for it to finish or use another --out.");
            }
            try
            {
                Check(path, mode, runs);
                return new RunFolder(path, @lock, created);
            }
            catch
            {
                @lock.Dispose();
                if (created) Directory.Delete(path);
                throw;
            }
        }

        private static void Check(string path, FolderMode mode, IReadOnlyList<string>? runs)
        {
            var entries = Directory.EnumerateFileSystemEntries(path).Select(System.IO.Path.GetFileName).Where(n => n != LockFileName).ToList();
            switch (mode)
            {
                case FolderMode.Resume when runs is null && !File.Exists(System.IO.Path.Combine(path, RunRecord.FileName)):
                    throw new IOException($"{path}: no run to resume here (no {RunRecord.FileName}); start one with `distill train RECIPE --out {path}`.");
                case FolderMode.Fresh when entries.Count > 0:
                    throw new IOException($"{path}: the run folder is not empty ({string.Join(", ", entries.Order(StringComparer.Ordinal).Take(4))}{(entries.Count > 4 ? ", …" : "")}); "
                                          + "--resume continues the run there, --force deletes its run files and starts over, or choose another --out.");
                case FolderMode.Force:
                    foreach (var name in runs ?? RunFiles)
                    {
                        string full = System.IO.Path.Combine(path, name);
                        if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
                        else if (File.Exists(full)) File.Delete(full);
                    }
                    break;
            }
        }

        /// <summary>Releases the lock; a folder this command created and left empty (a run refused before it wrote anything) is removed again.</summary>
        public void Dispose()
        {
            _lock.Dispose();
            if (_created && Directory.Exists(Path) && !Directory.EnumerateFileSystemEntries(Path).Any()) Directory.Delete(Path);
        }
    }
}
