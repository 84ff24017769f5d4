using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Distill.Generators
{
    /// <summary>
    /// Where a recipe's class goes: <c>recipes/sskd.distill</c> in root namespace <c>MyApp</c> becomes
    /// <c>MyApp.Recipes.SskdObjective</c>. Folders relative to the project directory become namespace
    /// parts and the file name the class name, each in PascalCase and made a valid identifier.
    /// </summary>
    public static class RecipeNaming
    {
        public static string ClassName(string recipePath) => Identifier(FileStem(recipePath)) + "Objective";

        public static string Namespace(string rootNamespace, string projectDir, string recipePath)
        {
            var parts = new List<string>();
            parts.AddRange(rootNamespace.Split(new[] { '.' }, StringSplitOptions.RemoveEmptyEntries).Select(p => Identifier(p, pascal: false)));
            string path = Normalize(recipePath);
            string dir = Normalize(projectDir);
            if (dir.Length > 0 && !dir.EndsWith("/", StringComparison.Ordinal)) dir += "/";
            if (dir.Length > 0 && path.StartsWith(dir, StringComparison.Ordinal))
            {
                var folders = path.Substring(dir.Length).Split('/');
                parts.AddRange(folders.Take(folders.Length - 1).Where(f => f.Length > 0 && f != ".").Select(f => Identifier(f)));
            }
            return string.Join(".", parts);
        }

        /// <summary>A valid C# identifier from arbitrary text: PascalCase over <c>_ - . space</c>, other characters dropped, '_' before a leading digit.</summary>
        public static string Identifier(string text, bool pascal = true)
        {
            var sb = new StringBuilder(text.Length + 1);
            bool upper = pascal;
            foreach (char c in text)
            {
                if (char.IsLetterOrDigit(c) || (!pascal && c == '_'))
                {
                    sb.Append(upper ? char.ToUpperInvariant(c) : c);
                    upper = false;
                }
                else upper = pascal;
            }
            if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
            return sb.ToString();
        }

        private static string FileStem(string path)
        {
            string name = Normalize(path);
            name = name.Substring(name.LastIndexOf('/') + 1);
            int dot = name.LastIndexOf('.');
            return dot > 0 ? name.Substring(0, dot) : name;
        }

        private static string Normalize(string path) => path.Replace('\\', '/');
    }
}
