using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Distill.LanguageServer;

namespace Distill.Cli
{
    /// <summary>
    /// The catalogue of the project in an editor's workspace folder, for <c>distill lsp</c> without
    /// <c>--terms</c>: the newest build output of the folder's <c>*.csproj</c> (its AssemblyName, else
    /// the file name, under bin/), read like <c>--terms</c>. Null when there is no project or build.
    /// </summary>
    internal static class ProjectCatalogue
    {
        public static EditorCatalogue? Find(string folder, TextWriter log)
        {
            try
            {
                if (!Directory.Exists(folder)) return null;
                foreach (var project in Directory.EnumerateFiles(folder, "*.csproj").OrderBy(p => p, StringComparer.Ordinal))
                {
                    string name = AssemblyName(project);
                    string bin = Path.Combine(folder, "bin");
                    if (!Directory.Exists(bin)) continue;
                    var output = Directory.EnumerateFiles(bin, name + ".dll", SearchOption.AllDirectories)
                        .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
                    if (output is null) continue;
                    log.WriteLine($"distill lsp: terms of {Path.GetFileName(project)} from {output}");
                    return EditorCatalogue.Of(CliOptions.Catalogue([new FileInfo(output)]).Catalogue);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or System.Xml.XmlException or Runtime.CatalogueException)
            {
                log.WriteLine($"distill lsp: the project's terms could not be read ({e.Message}); using the built-in ones");
            }
            return null;
        }

        private static string AssemblyName(string project)
        {
            var declared = XDocument.Load(project).Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value.Trim();
            return string.IsNullOrEmpty(declared) ? Path.GetFileNameWithoutExtension(project) : declared!;
        }
    }
}
