using System;
using Distill.Dsl.Catalogue;

namespace Distill.Dsl
{
    /// <summary>The front end in one call: parse, bind against a catalogue, report.</summary>
    public static class RecipeCompiler
    {
        public static CompileResult Compile(string text, TermCatalogue catalogue) =>
            throw new NotImplementedException("parser and binder land with the language work");
    }
}
