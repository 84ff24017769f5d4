using System.Collections.Generic;
using System.Linq;
using Distill.LanguageServer.Protocol;

namespace Distill.LanguageServer;

/// <summary>Signature help inside a term's or schedule's parentheses: every parameter with type, default and range; the one being written is active.</summary>
internal static class Signatures
{
    public static SignatureHelp? At(RecipeDocument document, int offset)
    {
        var context = TokenContextScanner.At(document, offset);
        if (context.Call is null || document.Catalogue.ParametersOf(context.Call) is not { } parameters) return null;
        string label = TermDocs.Signature(context.Call, parameters);
        var infos = new List<ParameterInformation>();
        int cursor = context.Call.Length + 1;
        foreach (var p in parameters)
        {
            int length = p.Name.Length + 2 + TermDocs.Detail(p).Length;
            infos.Add(new ParameterInformation([cursor, cursor + length], p.Description.Length > 0 ? MarkupContent.Markdown(p.Description) : null));
            cursor += length + 2;
        }
        var term = document.Catalogue.Terms.FindTerm(context.Call);
        string description = term?.Description ?? document.Catalogue.Terms.FindSchedule(context.Call)?.Description ?? "";
        int index = parameters.ToList().FindIndex(p => p.Name == context.Parameter);
        int? active = index >= 0 ? index : null;
        var signature = new SignatureInformation(label, description.Length > 0 ? MarkupContent.Markdown(description) : null, infos);
        return new SignatureHelp([signature], 0, active);
    }
}
