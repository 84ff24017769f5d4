using System;
using System.Linq;
using Distill.Dsl;
using Distill.Dsl.Catalogue;
using Distill.Runtime.Schedules;
using Distill.Runtime.Terms;
using Distill.Runtime.Tests.Fixtures;

namespace Distill.Runtime.Tests;

public class CatalogueTests
{
    private static ParamSpec Param(string name, string clrName, string clrType, ParamKind kind, ParamValue? @default,
        double? min = null, bool minInclusive = true, double? max = null, bool maxInclusive = true,
        string[]? enumValues = null, string? group = null, string description = "") =>
        new(name, clrName, clrType, kind, @default, min, minInclusive, max, maxInclusive,
            (enumValues ?? []).ToEquatableArray(), group, description);

    [Fact]
    public void Reads_a_user_term_exactly_by_the_pinned_rules()
    {
        var expected = new TermSpec(
            "probe", "Distill.Runtime.Tests.Fixtures.UserTerms.ProbeTerm", "test probe", "none",
            EquatableArray.Create(
                Param("Offset", "Offset", "double", ParamKind.Number, ParamValue.Of(0.0), description: "added to the loss"),
                Param("scale", "Scale", "double", ParamKind.Number, ParamValue.Of(1.0), min: 0, minInclusive: false),
                Param("count", "Count", "int", ParamKind.Integer, ParamValue.Of(2.0), min: 1, max: 10, maxInclusive: false),
                Param("flag", "Flag", "bool", ParamKind.Bool, ParamValue.Of(false)),
                Param("mode", "Mode", "Distill.Runtime.Tests.Fixtures.ProbeMode", ParamKind.Enum, ParamValue.OfIdentifier("batch_mean"),
                    enumValues: ["sum", "mean", "batch_mean"]),
                Param("at", "At", "string", ParamKind.Tap, ParamValue.OfIdentifier("embedding")),
                Param("limit", "Limit", "double?", ParamKind.Number, null)),
            EquatableArray.Create(
                new InputSpec("student", "embedding", "at", InputKind.Float, "features"),
                new InputSpec("", "labels", null, InputKind.ClassIndices, "")));

        var catalogue = RuntimeCatalogue.FromTypes(typeof(UserTerms.ProbeTerm)).Catalogue;

        Assert.Equal(expected, Assert.Single(catalogue.Terms));
    }

    [Fact]
    public void Built_in_catalogue_holds_the_terms_and_the_four_schedules_sorted_by_name()
    {
        var catalogue = RuntimeCatalogue.BuiltIn.Catalogue;

        Assert.Contains(catalogue.Terms, t => t.Name == "ce" && t.ClrType == typeof(CeTerm).FullName);
        Assert.Contains(catalogue.Terms, t => t.Name == "kd");
        Assert.Equal(["cosine", "linear", "step", "warmup"], catalogue.Schedules.Select(s => s.Name));
        Assert.Equal(catalogue.Terms.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal), catalogue.Terms.Select(t => t.Name));
        Assert.Equal(catalogue, catalogue.Normalize());
    }

    [Fact]
    public void Kd_temperature_is_a_strictly_positive_number_defaulting_to_4()
    {
        var t = Assert.Single(RuntimeCatalogue.BuiltIn.Catalogue.FindTerm("kd")!.Parameters);

        Assert.Equal(("T", ParamKind.Number, 4.0, 0.0, false), (t.Name, t.Kind, t.Default!.Number, t.Min!.Value, t.MinInclusive));
        Assert.Null(t.Max);
    }

    [Fact]
    public void Schedule_durations_form_one_group_of_nullable_epochs_and_steps()
    {
        var warmup = RuntimeCatalogue.BuiltIn.Catalogue.FindSchedule("warmup")!;

        Assert.Equal(typeof(WarmupSchedule).FullName, warmup.ClrType);
        Assert.Equal(
            [("epochs", "double?", ParamKind.Number, "duration"), ("steps", "long?", ParamKind.Integer, "duration")],
            warmup.Parameters.Select(p => (p.Name, p.ClrTypeName, p.Kind, p.Group!)));
        Assert.All(warmup.Parameters, p => Assert.False(p.IsRequired));
    }

    [Fact]
    public void Step_schedule_requires_at_and_defaults_factor_to_zero()
    {
        var step = RuntimeCatalogue.BuiltIn.Catalogue.FindSchedule("step")!;

        Assert.Equal(["at", "factor"], step.Parameters.Select(p => p.Name));
        Assert.True(step.Parameters[0].IsRequired);
        Assert.Equal(ParamValue.Of(0.0), step.Parameters[1].Default);
    }

    [Theory]
    [InlineData(typeof(BrokenTerms.FloatParameterTerm), "BrokenTerms.FloatParameterTerm.Weight")]
    [InlineData(typeof(BrokenTerms.SnakeEnumTerm), "not_pascal")]
    [InlineData(typeof(BrokenTerms.MissingTapTerm), "'nope'")]
    [InlineData(typeof(BrokenTerms.NotALossTerm), "must derive from LossTerm")]
    [InlineData(typeof(BrokenTerms.DuplicateParameterTerm), "'x' is not a valid identifier or is used twice")]
    public void A_type_that_breaks_a_rule_is_rejected_with_its_name(Type type, string expected)
    {
        var error = Assert.Throws<CatalogueException>(() => RuntimeCatalogue.FromTypes(type));

        Assert.Contains(expected, Assert.Single(error.Problems));
    }

    [Fact]
    public void A_private_nested_type_is_rejected_because_generated_code_could_not_name_it()
    {
        var error = Assert.Throws<CatalogueException>(() => RuntimeCatalogue.FromTypes(BrokenTerms.Private));

        Assert.Contains("public or internal", Assert.Single(error.Problems));
    }

    [Fact]
    public void Loading_an_assembly_reports_every_broken_type_and_clash_at_once()
    {
        var error = Assert.Throws<CatalogueException>(() => RuntimeCatalogue.FromAssemblies(typeof(CatalogueTests).Assembly));

        Assert.Equal(7, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("term 'kd' is defined by more than one type", StringComparison.Ordinal));
    }

    [Fact]
    public void A_name_defined_twice_is_rejected()
    {
        var error = Assert.Throws<CatalogueException>(() => RuntimeCatalogue.FromTypes(typeof(KdTerm), typeof(DuplicateKd)));

        Assert.Contains("term 'kd' is defined by more than one type", Assert.Single(error.Problems));
    }

    [DistillTerm("kd")]
    internal sealed class DuplicateKd : LossTerm
    {
        public override TorchSharp.torch.Tensor Forward(TermContext context) => TorchSharp.torch.zeros(1);
    }
}
