using System.Linq;
using Distill.Dsl.Catalogue;

namespace Distill.Generators.Tests
{
    public class CatalogueReaderTests
    {
        private static CatalogueResult Catalogue(string source)
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation(source));
            return (CatalogueResult)run.Result.TrackedSteps[TrackingNames.Catalogue].Single().Outputs.Single().Value;
        }

        [Fact]
        public void A_user_term_in_source_follows_the_pinned_rules()
        {
            var result = Catalogue(TestTerms.Source);

            Assert.Empty(result.Diagnostics);
            var term = result.Catalogue.FindTerm("mine")!;
            Assert.Equal("MyApp.Terms.MineTerm", term.ClrType);
            Assert.Equal(("a user term", "none"), (term.Description, term.Paper));
            Assert.Equal(new[] { "T", "queue", "Mode", "at", "flag" }, term.Parameters.Select(p => p.Name));
            Assert.Equal(new[] { "T", "QueueSize", "Mode", "At", "Flag" }, term.Parameters.Select(p => p.ClrName));
            Assert.Equal(new[] { "double", "int", "MyApp.Terms.Mode", "string", "bool" }, term.Parameters.Select(p => p.ClrTypeName));
            Assert.Equal(new[] { ParamKind.Number, ParamKind.Integer, ParamKind.Enum, ParamKind.Tap, ParamKind.Bool }, term.Parameters.Select(p => p.Kind));
            Assert.Equal(new[] { ParamValue.Of(4.0), ParamValue.Of(16.0), ParamValue.OfIdentifier("batch_mean"), ParamValue.OfIdentifier("embedding"), ParamValue.Of(false) },
                term.Parameters.Select(p => p.Default));
            var t = term.Parameters[0];
            Assert.Equal((0.0, false, (double?)null, true), (t.Min!.Value, t.MinInclusive, t.Max, t.MaxInclusive));
            Assert.Equal(new[] { "mean", "batch_mean" }, term.Parameters[2].EnumValues);
            Assert.Equal("a switch", term.Parameters[4].Description);
            Assert.Equal(
                new[] { new InputSpec("student", "logits", null, InputKind.Float, ""), new InputSpec("teacher", "embedding", "at", InputKind.Float, ""), new InputSpec("", "labels", null, InputKind.ClassIndices, "") },
                term.Inputs);
        }

        [Fact]
        public void A_user_schedule_keeps_its_group_and_nullable_types()
        {
            var schedule = Catalogue(TestTerms.Source).Catalogue.FindSchedule("ramp")!;

            Assert.Equal("MyApp.Terms.RampSchedule", schedule.ClrType);
            Assert.Equal(new[] { "double?", "long?" }, schedule.Parameters.Select(p => p.ClrTypeName));
            Assert.All(schedule.Parameters, p => Assert.Equal("length", p.Group));
            Assert.All(schedule.Parameters, p => Assert.Null(p.Default));
            Assert.All(schedule.Parameters, p => Assert.False(p.IsRequired));
        }

        [Fact]
        public void The_catalogue_is_sorted_by_name()
        {
            var source = TestTerms.Source + """

                namespace MyApp.More
                {
                    [Distill.Runtime.DistillTerm("aaa")]
                    public sealed class AaaTerm : Distill.Runtime.LossTerm
                    {
                        public override TorchSharp.torch.Tensor Forward(Distill.Runtime.TermContext context) => context.Input("Labels");
                    }
                }
                """;

            var names = Catalogue(source).Catalogue.Terms.Select(t => t.Name).ToList();

            Assert.Equal(names.OrderBy(n => n, System.StringComparer.Ordinal), names);
            Assert.Contains("aaa", names);
        }

        [Fact]
        public void The_built_in_terms_are_read_from_the_referenced_runtime_without_problems()
        {
            var result = Catalogue("class Empty { }");

            Assert.Empty(result.Diagnostics);
            Assert.Equal("Distill.Runtime.Terms.KdTerm", result.Catalogue.FindTerm("kd")!.ClrType);
            Assert.Equal(new[] { "StudentLogits", "TeacherLogits" },
                result.Catalogue.FindTerm("kd")!.Inputs.Select(i => InputNames.Of(i.Role, i.Tap)));
        }
    }
}
