using System.Linq;
using Distill.Dsl.Catalogue;
using Microsoft.CodeAnalysis.CSharp;

namespace Distill.Generators.Tests
{
    public class ObjectiveEmitterTests
    {
        private static TermCatalogue Catalogue()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation(TestTerms.Source));
            return ((CatalogueResult)run.Result.TrackedSteps[TrackingNames.Catalogue].Single().Outputs.Single().Value).Catalogue;
        }

        private static string Emit() => ObjectiveEmitter.Emit(SampleRecipe.Recipe, Catalogue(), "MyApp.Recipes", "SampleObjective", SampleRecipe.Text);

        [Fact]
        public void The_emitted_class_matches_its_baseline()
        {
            Baselines.Match("SampleObjective.g.cs", Emit());
        }

        [Fact]
        public void The_emitted_class_compiles_against_the_runtime_and_the_user_terms()
        {
            var use = """
                using MyApp.Recipes;
                using static TorchSharp.torch;
                static class Use
                {
                    static Distill.Runtime.LossResult Run(Tensor t) => new SampleObjective().Compute(
                        new SampleObjective.Inputs { Labels = t, StudentLogits = t, TeacherEmbedding = t, TeacherLayer3 = t },
                        Distill.Runtime.TrainingProgress.Completed);
                }
                """;
            var compilation = GeneratorHarness.Compilation(TestTerms.Source, Emit(), use);

            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        }

        [Fact]
        public void Leaving_out_an_input_is_a_compile_error()
        {
            var use = """
                using static TorchSharp.torch;
                static class Use
                {
                    static object Make(Tensor t) => new MyApp.Recipes.SampleObjective.Inputs { Labels = t, StudentLogits = t, TeacherEmbedding = t };
                }
                """;
            var compilation = GeneratorHarness.Compilation(TestTerms.Source, Emit(), use);

            var error = Assert.Single(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
            Assert.Equal("CS9035", error.Id);
            Assert.Contains("TeacherLayer3", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        [Fact]
        public void An_empty_namespace_puts_the_class_in_the_global_namespace()
        {
            string code = ObjectiveEmitter.Emit(SampleRecipe.Recipe, Catalogue(), "", "SampleObjective", SampleRecipe.Text);

            Assert.DoesNotContain("namespace", code);
            Assert.Contains("public sealed partial class SampleObjective : global::Distill.Runtime.ObjectiveBase", code);
        }

        [Fact]
        public void The_output_does_not_depend_on_the_current_culture()
        {
            string invariant = Emit();
            var saved = System.Globalization.CultureInfo.CurrentCulture;
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fi-FI");
                Assert.Equal(invariant, Emit());
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentCulture = saved;
            }
        }

        [Theory]
        [InlineData(4.0, "4d")]
        [InlineData(0.1, "0.1d")]
        [InlineData(1e-6, "1e-06d")]
        [InlineData(-2.5, "-2.5d")]
        public void Doubles_are_round_trip_literals(double value, string literal)
        {
            Assert.Equal(literal, CSharpLiterals.Double(value));
            Assert.Equal(value, (double)((Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax)SyntaxFactory.ParseExpression(literal.TrimStart('-'))).Token.Value! * (literal[0] == '-' ? -1 : 1));
        }

        [Theory]
        [InlineData("a\"b\\c\n\r\t\u0001\u2028")]
        [InlineData("")]
        [InlineData("ünïcode ✓")]
        public void Strings_round_trip_through_a_CSharp_literal(string value)
        {
            var token = SyntaxFactory.ParseExpression(CSharpLiterals.String(value)).GetFirstToken();

            Assert.Equal(value, token.ValueText);
        }
    }
}
