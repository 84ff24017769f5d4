using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Diagnostics;
using Distill.Dsl.Parsing;
using Distill.Dsl.Text;

namespace Distill.Dsl
{
    /// <summary>The front end in one call: parse, bind against a catalogue, report.</summary>
    public static class RecipeCompiler
    {
        /// <summary>
        /// Parses and binds a recipe. Never throws: every problem is a diagnostic (in source order),
        /// and the recipe is null when any of them is an error.
        /// </summary>
        public static CompileResult Compile(string text, TermCatalogue catalogue)
        {
            try
            {
                var parsed = RecipeParser.Parse(text ?? "");
                var (recipe, bindDiagnostics) = Binder.Bind(parsed.Syntax, catalogue ?? TermCatalogue.Empty);
                var diagnostics = parsed.Diagnostics.Concat(bindDiagnostics)
                    .OrderBy(d => d.Span.Start)
                    .ToEquatableArray();
                return new CompileResult(diagnostics.Any(d => d.IsError) ? null : recipe, diagnostics) { Partial = recipe };
            }
            catch (Exception e)
            {
                var internalError = DiagnosticDescriptors.InternalError.Create(new TextSpan(0, 0), e.GetType().Name + ": " + e.Message);
                return new CompileResult(null, EquatableArray.Create(internalError));
            }
        }

        /// <summary>
        /// What each <c>let</c> of a recipe folds to (for an editor's hover), by name. Lets with an
        /// error are left out; never throws.
        /// </summary>
        public static IReadOnlyDictionary<string, double> FoldLets(string text, TermCatalogue catalogue)
        {
            try
            {
                return Binder.FoldLets(RecipeParser.Parse(text ?? "").Syntax, catalogue ?? TermCatalogue.Empty);
            }
            catch (Exception)
            {
                return new Dictionary<string, double>();
            }
        }
    }
}
