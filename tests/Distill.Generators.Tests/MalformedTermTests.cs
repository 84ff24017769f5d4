using System.Linq;

namespace Distill.Generators.Tests
{
    public class MalformedTermTests
    {
        private const string Usings = "using Distill.Runtime;\nusing static TorchSharp.torch;\n";
        private const string Forward = "public override Tensor Forward(TermContext c) => c.Input(\"Labels\");";

        [Theory]
        [InlineData("DST9101", "Bad", "[DistillTerm(\"bad\")] public sealed class Bad { }")]
        [InlineData("DST9102", "Bad", "[DistillTerm(\"bad\")] public abstract class Bad : LossTerm { }")]
        [InlineData("DST9102", "Bad", "[DistillTerm(\"bad\")] public sealed class Bad : LossTerm { private Bad() { } " + Forward + " }")]
        [InlineData("DST9103", "Size", "[DistillTerm(\"bad\")] public sealed class Bad : LossTerm { [TermParameter] public float Size { get; set; } " + Forward + " }")]
        [InlineData("DST9104", "Size", "[DistillTerm(\"bad\")] public sealed class Bad : LossTerm { [TermParameter] public double Size { get; } " + Forward + " }")]
        [InlineData("DST9105", "Mode", "public enum M { Batch_Mean } [DistillTerm(\"bad\")] public sealed class Bad : LossTerm { [TermParameter] public M Mode { get; set; } " + Forward + " }")]
        [InlineData("DST9106", "Bad", "[DistillTerm(\"bad\"), TermInput(\"student\", \"x\", TapParameter = \"at\")] public sealed class Bad : LossTerm { " + Forward + " }")]
        [InlineData("DST9108", "Bad", "[DistillTerm(\"bad name\")] public sealed class Bad : LossTerm { " + Forward + " }")]
        [InlineData("DST9109", "T", "[DistillTerm(\"bad\")] public sealed class Bad : LossTerm { [TermParameter(Default = true)] public double T { get; set; } " + Forward + " }")]
        [InlineData("DST9101", "Bad", "[DistillSchedule(\"bad\")] public sealed class Bad : LossTerm { " + Forward + " }")]
        public void A_malformed_user_type_is_reported_on_its_declaration_and_left_out(string id, string symbol, string declaration)
        {
            string source = Usings + "\n" + declaration;
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation(source));

            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal(id, diagnostic.Id);
            Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
            var span = diagnostic.Location.SourceSpan;
            Assert.Equal(symbol, source.Substring(span.Start, span.Length));
            var catalogue = (CatalogueResult)run.Result.TrackedSteps[TrackingNames.Catalogue].Single().Outputs.Single().Value;
            Assert.Null(catalogue.Catalogue.FindTerm("bad"));
            Assert.Null(catalogue.Catalogue.FindSchedule("bad"));
        }

        [Fact]
        public void Two_types_with_one_name_are_reported_and_the_first_is_kept()
        {
            string source = Usings + """
                [DistillTerm("same")] public sealed class A : LossTerm { public override Tensor Forward(TermContext c) => c.Input("Labels"); }
                [DistillTerm("same")] public sealed class B : LossTerm { public override Tensor Forward(TermContext c) => c.Input("Labels"); }
                """;
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation(source));

            var diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("DST9107", diagnostic.Id);
            Assert.Equal("B", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
            var catalogue = (CatalogueResult)run.Result.TrackedSteps[TrackingNames.Catalogue].Single().Outputs.Single().Value;
            Assert.Equal("A", catalogue.Catalogue.FindTerm("same")!.ClrType);
        }
    }
}
