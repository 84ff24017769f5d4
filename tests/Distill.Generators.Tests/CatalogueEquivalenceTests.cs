using Distill.Runtime;
using Microsoft.CodeAnalysis;

namespace Distill.Generators.Tests
{
    /// <summary>The generator's Roslyn reader and the run-time reflection reader give equal catalogues.</summary>
    public class CatalogueEquivalenceTests
    {
        [Fact]
        public void The_built_ins_read_from_symbols_equal_the_reflection_catalogue()
        {
            var roslyn = RecipeDiagnosticTests.CatalogueOf("class Empty { }");

            Assert.Contains(roslyn.Terms, t => t.Name == "sskd");
            Assert.Contains(roslyn.Schedules, s => s.Name == "warmup");
            Assert.Equal(RuntimeCatalogue.BuiltIn.Catalogue.Terms, roslyn.Terms);
            Assert.Equal(RuntimeCatalogue.BuiltIn.Catalogue.Schedules, roslyn.Schedules);
            Assert.Equal(RuntimeCatalogue.BuiltIn.Catalogue, roslyn);
        }

        [Fact]
        public void User_terms_read_from_source_equal_the_same_types_read_by_reflection()
        {
            var compilation = GeneratorHarness.Compilation(TestTerms.Source)
                .WithAssemblyName("UserTerms" + System.Guid.NewGuid().ToString("N"));
            var assembly = InMemoryAssembly.Load(compilation);

            var reflection = RuntimeCatalogue.FromAssemblies(assembly).Catalogue;
            var roslyn = RecipeDiagnosticTests.CatalogueOf(TestTerms.Source);

            Assert.NotNull(roslyn.FindTerm("mine"));
            Assert.NotNull(roslyn.FindSchedule("ramp"));
            Assert.Equal(reflection.FindTerm("mine"), roslyn.FindTerm("mine"));
            Assert.Equal(reflection.FindSchedule("ramp"), roslyn.FindSchedule("ramp"));
            Assert.Equal(reflection, roslyn);
        }
    }
}
