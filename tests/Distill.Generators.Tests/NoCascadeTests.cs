using System.Linq;
using Microsoft.CodeAnalysis;

namespace Distill.Generators.Tests
{
    /// <summary>
    /// A recipe with errors still generates its class (a stand-in with the inputs that bound), so the
    /// user's code that names it compiles: the only errors of the build are the recipe's DST ones.
    /// </summary>
    public class NoCascadeTests
    {
        private const string Program = """
            using MyApp.Recipes;
            using TorchSharp;

            public static class Program
            {
                public static double Loss(torch.Tensor student, torch.Tensor teacher, torch.Tensor labels)
                {
                    var objective = new KdObjective();
                    var inputs = new KdObjective.Inputs { StudentLogits = student, TeacherLogits = teacher, Labels = labels };
                    return objective.Compute(inputs, new Distill.Runtime.TrainingProgress(0, 1, 1)).Total.item<float>()
                        + KdObjective.InputNames.Count + KdObjective.TermMetadata.Count + KdObjective.RecipeText.Length;
                }
            }
            """;

        [Fact]
        public void A_consumer_of_a_broken_recipes_class_gets_only_the_DST_error()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation(Program), GeneratorHarness.Recipe("recipes/kd.distill", "ce + 0.9 * kd(temp = 4)\n"));

            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("DST0102", diagnostic.Id);
            Assert.Empty(run.CompileErrors);
            string source = run.Result.GeneratedSources.Single().SourceText.ToString();
            Assert.Contains("throw new global::System.InvalidOperationException(\"the recipe has errors, so this class is only a stand-in: kd.distill(1,15): error DST0102:", source);
        }

        [Fact]
        public void Without_the_stand_in_the_same_consumer_would_cascade_into_CS_errors()
        {
            // The control: the consumer alone, as the generator left it before, fails with CS0246.
            var errors = GeneratorHarness.Compilation(Program).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

            Assert.Contains(errors, e => e.Id is "CS0246" or "CS0234");
        }

        [Fact]
        public void A_recipe_with_no_term_that_binds_still_gets_a_class_with_no_inputs()
        {
            var run = GeneratorHarness.Run(
                GeneratorHarness.Compilation("public static class Use { public static object Make() => new MyApp.Recipes.KdObjective(); }"),
                GeneratorHarness.Recipe("recipes/kd.distill", "nosuch + (\n"));

            Assert.All(run.GeneratorDiagnostics, d => Assert.StartsWith("DST", d.Id));
            Assert.NotEmpty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompileErrors);
        }
    }
}
