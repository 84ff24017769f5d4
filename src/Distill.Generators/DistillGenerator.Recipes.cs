using System;
using System.Linq;
using System.Threading;
using Distill.Dsl;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Distill.Generators
{
    public sealed partial class DistillGenerator
    {
        private static bool IsRecipe(AdditionalText file) => file.Path.EndsWith(".distill", StringComparison.OrdinalIgnoreCase);

        private static RecipeFile ReadRecipeFile(AdditionalText file, CancellationToken cancellationToken) =>
            new RecipeFile(file.Path, file.GetText(cancellationToken)?.ToString() ?? "");

        private static ProjectOptions ReadProjectOptions(AnalyzerConfigOptionsProvider provider, CancellationToken cancellationToken)
        {
            provider.GlobalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
            provider.GlobalOptions.TryGetValue("build_property.ProjectDir", out var projectDir);
            return new ProjectOptions(rootNamespace ?? "", projectDir ?? "");
        }

        /// <summary>Parses and binds one recipe against the catalogue and maps its diagnostics onto the file.</summary>
        private static CompiledRecipe CompileRecipe(((RecipeFile File, ProjectOptions Options) Left, TermCatalogue Catalogue) input, CancellationToken cancellationToken)
        {
            var file = input.Left.File;
            string ns = RecipeNaming.Namespace(input.Left.Options.RootNamespace, input.Left.Options.ProjectDir, file.Path);
            string className = RecipeNaming.ClassName(file.Path);
            try
            {
                var result = RecipeCompiler.Compile(file.Text, input.Catalogue);
                var lines = new SourceLines(file.Text);
                var diagnostics = result.Diagnostics.Select(d => GeneratorDiagnostics.FromRecipe(d, file.Path, lines)).ToEquatableArray();
                string? errors = result.Diagnostics.FirstOrDefault(d => d.IsError) is { } first
                    ? $"the recipe has errors, so this class is only a stand-in: {first.Format(System.IO.Path.GetFileName(file.Path), lines)}; fix the recipe and rebuild"
                    : null;
                return new CompiledRecipe(file, ns, className, input.Catalogue, result.Partial, errors, diagnostics);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new CompiledRecipe(file, ns, className, input.Catalogue, null, null, EquatableArray.Create(GeneratorDiagnostics.Internal(file.Path, e)));
            }
        }

        /// <summary>
        /// The objective class's C# text, through the same public emitter the CLI uses. A recipe with
        /// errors still gets its class, as a stand-in with the inputs that could be inferred, so the
        /// user's code that names it compiles and the build shows only the DST errors (no CS cascade).
        /// </summary>
        private static RecipeOutput EmitRecipe(CompiledRecipe compiled, CancellationToken cancellationToken)
        {
            var recipe = compiled.Recipe;
            if (recipe is null && compiled.Errors is not null) recipe = new BoundRecipe(EquatableArray<BoundTerm>.Empty, EquatableArray<BoundInput>.Empty);
            if (recipe is null) return new RecipeOutput(null, compiled.Diagnostics);
            try
            {
                string code = ObjectiveEmitter.Emit(recipe, compiled.Catalogue, compiled.Namespace, compiled.ClassName, compiled.File.Text, compiled.Errors);
                string fullName = compiled.Namespace.Length == 0 ? compiled.ClassName : compiled.Namespace + "." + compiled.ClassName;
                return new RecipeOutput(new GeneratedSource(fullName, compiled.File.Path, code), compiled.Diagnostics);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new RecipeOutput(null, compiled.Diagnostics.Append(GeneratorDiagnostics.Internal(compiled.File.Path, e)).ToEquatableArray());
            }
        }

        private static EquatableArray<DiagnosticInfo> SelectDiagnostics(RecipeOutput output, CancellationToken cancellationToken) => output.Diagnostics;

        private static GeneratedSource? SelectSource(RecipeOutput output, CancellationToken cancellationToken) => output.Source;
    }
}
