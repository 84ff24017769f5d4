using System;
using System.CommandLine;
using Distill.LanguageServer;

namespace Distill.Cli.Commands
{
    /// <summary><c>distill lsp [--terms a.dll]</c>: the language server on stdin/stdout, for editors.</summary>
    internal static class LspCommand
    {
        public static Command Create()
        {
            var terms = CliOptions.Terms();
            var command = new Command("lsp", "Run the Distill language server on stdin/stdout (LSP over JSON-RPC): diagnostics, completion, hover, signature help, go to definition, rename, formatting and semantic tokens for .distill files. Editors start it; see docs/editors.md.")
            {
                terms,
            };
            command.SetAction(r => CliOptions.Guard(r, (_, _) =>
            {
                var catalogue = EditorCatalogue.Of(CliOptions.Catalogue(r.GetValue(terms)).Catalogue);
                return LanguageServerHost.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), catalogue).GetAwaiter().GetResult();
            }));
            return command;
        }
    }
}
