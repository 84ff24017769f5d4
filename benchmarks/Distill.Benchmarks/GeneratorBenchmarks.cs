using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Distill.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Distill.Benchmarks
{
    /// <summary>
    /// The generator over a project with 50 recipes (CSharpGeneratorDriver, step tracking on): a cold run,
    /// and a run after editing one recipe. Setup checks that the edit recompiles and re-emits exactly one
    /// recipe (the others are Cached/Unchanged) and prints the counts.
    /// </summary>
    public class GeneratorBenchmarks
    {
        private const int Recipes = 50;
        private const string ProjectDir = "/proj/";
        private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        private CSharpCompilation _compilation = null!;
        private RecipeText[] _recipes = null!;
        private GeneratorDriver _warm = null!;
        private bool _toggle;

        [GlobalSetup]
        public void Setup()
        {
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
                .Concat([typeof(Runtime.ObjectiveBase).Assembly.Location, typeof(Dsl.RecipeCompiler).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location])
                .Distinct()
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
            _compilation = CSharpCompilation.Create("MyApp", [CSharpSyntaxTree.ParseText("namespace MyApp { class App { } }", ParseOptions)], references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            _recipes = Enumerable.Range(0, Recipes).Select(i => Recipe(i, $"ce + {1 + i % 9} * kd(T = {2 + i % 5}) + 0.5 * rkd.distance\n")).ToArray();
            _warm = Driver().RunGenerators(_compilation);
            var edited = EditOne().RunGenerators(_compilation).GetRunResult().Results.Single();
            var rerun = edited.TrackedSteps[TrackingNames.Compile].Count(s => s.Outputs.Any(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified));
            var reemitted = edited.TrackedSteps[TrackingNames.Emit].Count(s => s.Outputs.Any(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified));
            Console.WriteLine($"// generator: after editing 1 of {Recipes} recipes, {rerun} recompiled and {reemitted} re-emitted; {edited.GeneratedSources.Length} sources in all");
            if (rerun != 1 || reemitted != 1 || edited.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
                throw new InvalidOperationException($"expected exactly one recipe regenerated, got {rerun} compiled and {reemitted} emitted.");
        }

        [Benchmark(Baseline = true)]
        public GeneratorDriver ColdRun() => Driver().RunGenerators(_compilation);

        [Benchmark]
        public GeneratorDriver EditOneRecipe() => EditOne().RunGenerators(_compilation);

        private GeneratorDriver EditOne()
        {
            _toggle = !_toggle;
            return _warm.ReplaceAdditionalText(_recipes[7], Recipe(7, _toggle ? "ce + kd(T = 3)\n" : "ce + 2 * kd(T = 3)\n"));
        }

        private static RecipeText Recipe(int i, string text) => new($"{ProjectDir}recipes/r{i:00}.distill", text);

        private GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
            [new DistillGenerator().AsSourceGenerator()],
            _recipes,
            ParseOptions,
            new GeneratorOptions(new Dictionary<string, string>
            {
                ["build_property.RootNamespace"] = "MyApp",
                ["build_property.ProjectDir"] = ProjectDir,
            }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }
}
