// Starts `distill lsp` (or the command in the `distill.server.command` setting) for .distill files
// through Microsoft's language client; everything else (diagnostics, completion, hover, signature
// help, go to definition, rename, formatting, semantic tokens) comes from the server.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration('distill').get('server.command', ['distill', 'lsp']);
  client = new LanguageClient(
    'distill',
    'Distill language server',
    { command, args },
    { documentSelector: [{ scheme: 'file', language: 'distill' }, { scheme: 'untitled', language: 'distill' }] });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
