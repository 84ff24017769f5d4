using System;
using System.Linq;
using Distill.Runtime;

namespace Distill.Generators.Tests
{
    /// <summary>The <c>gather</c> argument through the generator: emitted as the enum member on the term, as the loader sets it.</summary>
    public class GatherArgumentTests
    {
        [Fact]
        public void The_generated_class_sets_each_terms_gather_mode_as_the_loader_does()
        {
            const string recipe = "ce + sp(gather = local) + rkd.distance(gather = global) + cc";
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation("class Empty { }"), GeneratorHarness.Recipe("recipes/gathered.distill", recipe));
            Assert.Empty(run.GeneratorDiagnostics);
            var type = InMemoryAssembly.Load(run.Output.WithAssemblyName("Generated" + Guid.NewGuid().ToString("N"))).GetType("MyApp.Recipes.GatheredObjective", throwOnError: true)!;
            var generated = (ObjectiveBase)Activator.CreateInstance(type, new object?[] { null })!;
            var expected = new[] { GatherMode.None, GatherMode.Local, GatherMode.Global, GatherMode.Global };
            Assert.Equal(expected, generated.Terms.Select(t => t.Term.Gather));
            Assert.Equal(expected, Objective.Parse(recipe).Terms.Select(t => t.Term.Gather));
        }
    }
}
