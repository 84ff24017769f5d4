using System;
using System.CommandLine;
using Distill.LanguageServer;

namespace Distill.Cli.Commands
{
    /// <summary>
    /// <c>distill lsp [--terms a.dll]</c>: the language server on stdin/stdout, for editors. Without
    /// <c>--terms</c> it reads the user's terms from the workspace project's build output. Logs go to stderr.
    /// </summary>
    internal static class LspCommand
    {
        public static Command Create()
        {
            var terms = CliOptions.Terms();
            var command = new Command("lsp", "Run the Distill language server on stdin/stdout (LSP over JSON-RPC): diagnostics, completion, hover, signature help, go to definition, rename, formatting and semantic tokens for .distill files. Editors start it; see docs/editors.md.")
            {
                terms,
            };
            command.SetAction(r => CliOptions.Guard(r, (_, error) =>
            {
                var given = r.GetValue(terms);
                var catalogue = EditorCatalogue.Of(CliOptions.Catalogue(given).Catalogue);
                // Without --terms, the workspace's own project build output supplies the user's terms.
                Func<string, EditorCatalogue?>? project = given is { Length: > 0 } ? null : folder => ProjectCatalogue.Find(folder, error);
                return LanguageServerHost.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), catalogue, project).GetAwaiter().GetResult();
            }));
            return command;
        }
    }
}
