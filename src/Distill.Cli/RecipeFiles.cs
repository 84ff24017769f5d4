using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Distill.Cli
{
    /// <summary>Expands command-line paths: files as given, folders to their *.distill files (recursively, sorted).</summary>
    internal static class RecipeFiles
    {
        public const string Extension = ".distill";

        public static IEnumerable<string> Expand(IEnumerable<string> paths)
        {
            foreach (var path in paths)
            {
                if (Directory.Exists(path))
                {
                    var files = Directory.EnumerateFiles(path, "*" + Extension, SearchOption.AllDirectories)
                        .OrderBy(f => f, StringComparer.Ordinal);
                    foreach (var file in files) yield return file;
                }
                else if (File.Exists(path)) yield return path;
                else throw new FileNotFoundException($"'{path}' is neither a recipe file nor a folder.", path);
            }
        }
    }
}
