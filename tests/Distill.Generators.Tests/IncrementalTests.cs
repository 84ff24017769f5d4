using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Distill.Generators.Tests
{
    /// <summary>The IDE re-runs the generator on every keystroke: only the steps that depend on what changed may run again.</summary>
    public class IncrementalTests
    {
        private static readonly IncrementalStepRunReason[] Reused = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

        private static readonly AdditionalText A = GeneratorHarness.Recipe("recipes/a.distill", "mine(T = 2)\n");
        private static readonly AdditionalText B = GeneratorHarness.Recipe("recipes/b.distill", "mine\n");
        private static readonly AdditionalText C = GeneratorHarness.Recipe("recipes/c.distill", "0.5 * mine\n");

        /// <summary>The reason each recipe's output of <paramref name="step"/> was produced, by recipe path.</summary>
        private static Dictionary<string, IncrementalStepRunReason> ByRecipe(GeneratorDriver driver, string step)
        {
            var runs = driver.GetRunResult().Results.Single().TrackedSteps[step];
            var result = new Dictionary<string, IncrementalStepRunReason>();
            var paths = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Compile]
                .Select(r => ((CompiledRecipe)r.Outputs.Single().Value).File.Path).ToList();
            for (int i = 0; i < runs.Length; i++)
                result[paths[i].Substring(paths[i].LastIndexOf('/') + 1)] = runs[i].Outputs.Single().Reason;
            return result;
        }

        private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
        {
            var compilation = GeneratorHarness.Compilation(TestTerms.Source);
            var driver = GeneratorHarness.Driver(new[] { A, B, C }).RunGenerators(compilation);
            return (driver, compilation);
        }

        [Fact]
        public void Editing_one_recipe_reruns_only_that_recipe()
        {
            var (driver, compilation) = FirstRun();

            driver = driver.ReplaceAdditionalText(B, GeneratorHarness.Recipe("recipes/b.distill", "mine(T = 3)\n")).RunGenerators(compilation);

            foreach (var step in new[] { TrackingNames.Compile, TrackingNames.Emit })
            {
                var reasons = ByRecipe(driver, step);
                Assert.Contains(reasons["a.distill"], Reused);
                Assert.Contains(reasons["c.distill"], Reused);
            }
            Assert.Equal(IncrementalStepRunReason.Modified, ByRecipe(driver, TrackingNames.Compile)["b.distill"]);
        }

        [Fact]
        public void An_unrelated_CSharp_edit_reuses_the_catalogue_and_every_recipe()
        {
            var (driver, compilation) = FirstRun();

            var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { int X => 1; }", GeneratorHarness.ParseOptions));
            driver = driver.RunGenerators(edited);

            var result = driver.GetRunResult().Results.Single();
            Assert.Contains(result.TrackedSteps[TrackingNames.Catalogue].Single().Outputs.Single().Reason, Reused);
            Assert.All(ByRecipe(driver, TrackingNames.Compile).Values, r => Assert.Contains(r, Reused));
            Assert.All(ByRecipe(driver, TrackingNames.Emit).Values, r => Assert.Contains(r, Reused));
        }

        [Fact]
        public void Changing_a_user_term_recompiles_every_recipe()
        {
            var (driver, compilation) = FirstRun();

            var tree = compilation.SyntaxTrees.Single();
            var changed = CSharpSyntaxTree.ParseText(TestTerms.Source.Replace("Default = 4.0", "Default = 5.0"), GeneratorHarness.ParseOptions, tree.FilePath);
            driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, changed));

            var result = driver.GetRunResult().Results.Single();
            Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[TrackingNames.Catalogue].Single().Outputs.Single().Reason);
            Assert.All(ByRecipe(driver, TrackingNames.Compile).Values, r => Assert.Equal(IncrementalStepRunReason.Modified, r));
        }
    }
}
