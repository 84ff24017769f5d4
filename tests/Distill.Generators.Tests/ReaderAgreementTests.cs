using System.Linq;
using Distill.Runtime;

namespace Distill.Generators.Tests
{
    /// <summary>The generator's Roslyn reader and the runtime's reflection reader build the same catalogue (docs/architecture.md).</summary>
    public class ReaderAgreementTests
    {
        [Fact]
        public void Roslyn_and_reflection_readers_agree_on_the_built_ins()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation("namespace MyApp { }"));
            var roslyn = (CatalogueResult)run.Result.TrackedSteps[TrackingNames.Catalogue].Single().Outputs.Single().Value;

            var reflection = RuntimeCatalogue.BuiltIn.Catalogue;

            Assert.Empty(roslyn.Diagnostics);
            Assert.Equal(reflection.Terms.Select(t => t.Name), roslyn.Catalogue.Terms.Select(t => t.Name));
            Assert.Equal(reflection.Schedules.Select(s => s.Name), roslyn.Catalogue.Schedules.Select(s => s.Name));
            foreach (var (expected, actual) in reflection.Terms.Zip(roslyn.Catalogue.Terms))
                Assert.Equal(expected, actual);
            foreach (var (expected, actual) in reflection.Schedules.Zip(roslyn.Catalogue.Schedules))
                Assert.Equal(expected, actual);
            Assert.Equal(reflection, roslyn.Catalogue);
        }
    }
}
