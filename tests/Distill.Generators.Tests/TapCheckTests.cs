using System.Linq;

namespace Distill.Generators.Tests
{
    /// <summary>A project that declares its models' taps gets DST0207 for a tap outside them, at the tap's span.</summary>
    public class TapCheckTests
    {
        private const string Declaration = "[assembly: Distill.Runtime.DistillTaps(\"embedding\", \"features\")]";
        private const string Recipe = "ce + sp(at = fetures)\n";

        [Fact]
        public void A_misspelt_tap_is_an_error_with_a_did_you_mean()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation(Declaration), GeneratorHarness.Recipe("recipes/r.distill", Recipe));

            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("/proj/recipes/r.distill(1,14): error DST0207: unknown tap 'fetures' for 'at' of 'sp'; did you mean 'features'?", diagnostic.ToString());
            Assert.Equal(7, diagnostic.Location.SourceSpan.Length);
        }

        [Fact]
        public void A_declared_tap_passes_and_without_a_declaration_taps_are_not_checked()
        {
            var declared = GeneratorHarness.Run(GeneratorHarness.Compilation(Declaration), GeneratorHarness.Recipe("recipes/r.distill", "ce + sp(at = features)\n"));
            var undeclared = GeneratorHarness.Run(GeneratorHarness.Compilation("public static class Empty { }"), GeneratorHarness.Recipe("recipes/r.distill", Recipe));

            Assert.Empty(declared.GeneratorDiagnostics);
            Assert.Empty(undeclared.GeneratorDiagnostics);
            Assert.Empty(declared.CompileErrors.Concat(undeclared.CompileErrors));
        }
    }
}
