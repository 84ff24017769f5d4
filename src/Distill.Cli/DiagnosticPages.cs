using System;
using System.IO;
using System.Text.RegularExpressions;

namespace Distill.Cli
{
    /// <summary>The diagnostic pages (docs/diagnostics/DSTnnnn.md) shipped beside the binary, for <c>distill explain DSTnnnn</c>.</summary>
    internal static class DiagnosticPages
    {
        private static readonly Regex Id = new("^DST[0-9]{4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "diagnostics");

        public static bool IsId(string text) => Id.IsMatch(text);

        /// <summary>Prints the page of <paramref name="id"/>; exit 1 with the list's location when there is none.</summary>
        public static int Print(string id, TextWriter output, TextWriter error)
        {
            string path = Path.Combine(Folder, id.ToUpperInvariant() + ".md");
            if (!File.Exists(path))
            {
                error.WriteLine($"distill: no diagnostic {id.ToUpperInvariant()}; every id is listed in {Path.Combine(Folder, "README.md")}");
                return 1;
            }
            output.Write(File.ReadAllText(path));
            return 0;
        }
    }
}
