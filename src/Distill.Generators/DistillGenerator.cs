using Microsoft.CodeAnalysis;

namespace Distill.Generators
{
    /// <summary>
    /// Turns every <c>.distill</c> additional file into a strongly-typed objective class. This file
    /// only wires the stages; each stage is a pure static function in its own partial file.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class DistillGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var referenced = context.CompilationProvider
                .Select(ReadReferencedCatalogue)
                .WithTrackingName(TrackingNames.ReferencedCatalogue);

            var declaredTerms = context.SyntaxProvider
                .ForAttributeWithMetadataName(KnownNames.TermAttribute, IsClass, ReadDeclaredTerm)
                .WithTrackingName(TrackingNames.DeclaredTerms);
            var declaredSchedules = context.SyntaxProvider
                .ForAttributeWithMetadataName(KnownNames.ScheduleAttribute, IsClass, ReadDeclaredSchedule)
                .WithTrackingName(TrackingNames.DeclaredSchedules);

            var catalogue = referenced
                .Combine(declaredTerms.Collect())
                .Combine(declaredSchedules.Collect())
                .Select(MergeCatalogue)
                .Combine(context.CompilationProvider.Select(ReadDeclaredTaps).WithTrackingName(TrackingNames.DeclaredTaps))
                .Select(AddTaps)
                .WithTrackingName(TrackingNames.Catalogue);

            var options = context.AnalyzerConfigOptionsProvider
                .Select(ReadProjectOptions)
                .WithTrackingName(TrackingNames.Options);

            var compiled = context.AdditionalTextsProvider
                .Where(IsRecipe)
                .Select(ReadRecipeFile)
                .WithTrackingName(TrackingNames.RecipeFile)
                .Combine(options)
                .Combine(catalogue.Select(SelectTerms))
                .Select(CompileRecipe)
                .WithTrackingName(TrackingNames.Compile);

            var emitted = compiled
                .Select(EmitRecipe)
                .WithTrackingName(TrackingNames.Emit);

            context.RegisterSourceOutput(catalogue.Select(SelectDiagnostics), ReportDiagnostics);
            context.RegisterSourceOutput(emitted.Select(SelectDiagnostics).Collect(), ReportDistinctDiagnostics);
            context.RegisterSourceOutput(emitted.Select(SelectSource).Collect(), AddSources);
        }
    }
}
