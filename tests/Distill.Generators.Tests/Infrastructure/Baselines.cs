using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Distill.Generators.Tests
{
    /// <summary>
    /// Checked-in expected outputs under tests/Distill.Generators.Tests/Baselines. Set
    /// DISTILL_UPDATE_BASELINES=1 to rewrite them from the actual output (then review the diff).
    /// </summary>
    internal static class Baselines
    {
        public static void Match(string name, string actual)
        {
            string path = Path.Combine(Folder(), name);
            if (Environment.GetEnvironmentVariable("DISTILL_UPDATE_BASELINES") == "1")
            {
                File.WriteAllText(path, actual);
                return;
            }
            Assert.True(File.Exists(path), $"baseline {path} is missing; run the tests with DISTILL_UPDATE_BASELINES=1 to create it");
            Assert.Equal(File.ReadAllText(path), actual);
        }

        private static string Folder([CallerFilePath] string here = "") =>
            Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here))!, "Baselines");
    }
}
