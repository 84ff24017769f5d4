using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Distill.Generators.Tests
{
    /// <summary>
    /// Drives <see cref="DistillGenerator"/> with <see cref="CSharpGeneratorDriver"/> over an in-memory
    /// consumer project: root namespace MyApp in /proj/, referencing the runtime, TorchSharp and the
    /// framework (the testing package's reference download does not work offline).
    /// </summary>
    internal static class GeneratorHarness
    {
        public const string ProjectDir = "/proj/";
        public const string RootNamespace = "MyApp";

        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        {
            var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
                .Concat(new[]
                {
                    typeof(Distill.Runtime.ObjectiveBase).Assembly.Location,
                    typeof(Distill.Dsl.RecipeCompiler).Assembly.Location,
                    typeof(TorchSharp.torch).Assembly.Location,
                });
            return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
        });

        public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

        public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
            "MyApp",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"{ProjectDir}Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        public static AdditionalText Recipe(string relativePath, string text) => new InMemoryAdditionalText(ProjectDir + relativePath, text);

        public static GeneratorDriver Driver(IEnumerable<AdditionalText> recipes) => CSharpGeneratorDriver.Create(
            new[] { new DistillGenerator().AsSourceGenerator() },
            recipes,
            ParseOptions,
            new GlobalOptionsProvider(new Dictionary<string, string>
            {
                ["build_property.RootNamespace"] = RootNamespace,
                ["build_property.ProjectDir"] = ProjectDir,
            }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        /// <summary>Runs the generator once; the result carries its diagnostics, sources and tracked steps.</summary>
        public static GeneratorRun Run(CSharpCompilation compilation, params AdditionalText[] recipes)
        {
            var driver = Driver(recipes).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
            return new GeneratorRun(driver, output);
        }
    }
}
