using System.Globalization;
using System.Linq;
using Distill.Dsl;
using Microsoft.CodeAnalysis;

namespace Distill.Generators.Tests
{
    /// <summary>A recipe's mistakes reach the build as <c>path(line,col): error DSTnnnn: message</c>.</summary>
    public class RecipeDiagnosticTests
    {
        private const string BadRecipe = "# a recipe with a typo\nlet w = 2\nw * mine(tmp = 4)\n";

        private static GeneratorRun Run(string text) =>
            GeneratorHarness.Run(GeneratorHarness.Compilation(TestTerms.Source), GeneratorHarness.Recipe("recipes/bad.distill", text));

        [Fact]
        public void A_bad_recipe_fails_the_build_at_its_line_and_column()
        {
            var run = Run(BadRecipe);

            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("DST0102", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            var span = diagnostic.Location.GetLineSpan();
            Assert.Equal("/proj/recipes/bad.distill", span.Path);
            Assert.Equal((2, 9), (span.StartLinePosition.Line, span.StartLinePosition.Character));
            Assert.StartsWith("/proj/recipes/bad.distill(3,10): error DST0102: ", diagnostic.ToString());
            Assert.Contains("only a stand-in", Assert.Single(run.Result.GeneratedSources).SourceText.ToString());
        }

        [Fact]
        public void A_recipe_listed_twice_in_AdditionalFiles_reports_each_mistake_once()
        {
            // E.g. the package's **/*.distill glob plus the user's own AdditionalFiles line for the same file.
            var recipe = GeneratorHarness.Recipe("recipes/bad.distill", BadRecipe);
            var twice = GeneratorHarness.Run(GeneratorHarness.Compilation(TestTerms.Source), recipe, GeneratorHarness.Recipe("recipes/bad.distill", BadRecipe));

            var diagnostic = Assert.Single(twice.GeneratorDiagnostics);
            Assert.Equal("DST0102", diagnostic.Id);
            var good = GeneratorHarness.Run(GeneratorHarness.Compilation(TestTerms.Source),
                GeneratorHarness.Recipe("recipes/good.distill", "mine\n"), GeneratorHarness.Recipe("recipes/good.distill", "mine\n"));
            Assert.Empty(good.GeneratorDiagnostics);
            Assert.Single(good.Result.GeneratedSources);
        }

        [Fact]
        public void The_message_is_the_language_message_verbatim()
        {
            var expected = RecipeCompiler.Compile(BadRecipe, CatalogueOf(TestTerms.Source)).Diagnostics.Single();

            var diagnostic = Assert.Single(Run(BadRecipe).GeneratorDiagnostics);

            Assert.Equal(expected.Message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
            Assert.Equal(expected.Span.Length, diagnostic.Location.SourceSpan.Length);
        }

        [Fact]
        public void Every_mistake_is_reported_not_just_the_first()
        {
            var run = Run("mine(tmp = 4)\n  + nosuch\n");

            Assert.True(run.GeneratorDiagnostics.Count >= 2);
            Assert.Equal(new[] { 0, 1 }, run.GeneratorDiagnostics.Select(d => d.Location.GetLineSpan().StartLinePosition.Line).Distinct().OrderBy(l => l));
        }

        [Fact]
        public void A_warning_keeps_its_severity_and_the_class_is_still_generated()
        {
            var run = Run("let unused = 3\nmine\n");

            var warning = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
            Assert.Equal(0, warning.Location.GetLineSpan().StartLinePosition.Line);
            Assert.Single(run.Result.GeneratedSources);
            Assert.Empty(run.CompileErrors);
        }

        [Fact]
        public void A_good_recipe_generates_a_class_named_after_its_folder_and_file()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation(TestTerms.Source),
                GeneratorHarness.Recipe("recipes/my-recipe.distill", "mine(T = 2) + 0.5 * ramp(epochs = 3) * mine(at = layer3)\n"));

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Equal("MyApp.Recipes.MyRecipeObjective.g.cs", Assert.Single(run.Result.GeneratedSources).HintName);
            Assert.Empty(run.CompileErrors);
            Baselines.Match("MyRecipeObjective.g.cs", run.Source("MyApp.Recipes.MyRecipeObjective.g.cs"));
        }

        [Theory]
        [InlineData("mine(T = 0)\n", "DST0202", 9)]
        [InlineData("mine(queue = 1.5)\n", "DST0201", 13)]
        [InlineData("mine(Mode = median)\n", "DST0201", 12)]
        [InlineData("ramp(epochs = 2, steps = 10) * mine\n", "DST0206", 17)]
        public void A_user_term_is_validated_like_a_built_in(string recipe, string id, int column)
        {
            var diagnostic = Run(recipe).GeneratorDiagnostics.First();

            Assert.Equal(id, diagnostic.Id);
            Assert.Equal(column, diagnostic.Location.GetLineSpan().StartLinePosition.Character);
        }

        [Fact]
        public void Two_recipes_that_map_to_one_class_are_reported()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation(TestTerms.Source),
                GeneratorHarness.Recipe("recipes/a-b.distill", "mine\n"),
                GeneratorHarness.Recipe("recipes/a_b.distill", "mine\n"));

            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("DST9002", diagnostic.Id);
            Assert.Equal("/proj/recipes/a_b.distill", diagnostic.Location.GetLineSpan().Path);
            Assert.Single(run.Result.GeneratedSources);
        }

        internal static Distill.Dsl.Catalogue.TermCatalogue CatalogueOf(string source)
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation(source));
            return ((CatalogueResult)run.Result.TrackedSteps[TrackingNames.Catalogue].Single().Outputs.Single().Value).Catalogue;
        }
    }
}
