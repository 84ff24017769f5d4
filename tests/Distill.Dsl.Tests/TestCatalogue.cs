using System.Linq;
using Distill.Dsl.Catalogue;

namespace Distill.Dsl.Tests;

/// <summary>A hand-built catalogue matching the term table in docs/architecture.md and the runtime's schedules (no Runtime reference).</summary>
public static class TestCatalogue
{
    public static TermCatalogue Instance { get; } = Build();

    private static ParamSpec Number(string name, double? def, double? min = null, bool minInclusive = true, double? max = null, bool maxInclusive = true, string? group = null) =>
        new(name, Pascal(name), "double", ParamKind.Number, def is null ? null : ParamValue.Of(def.Value), min, minInclusive, max, maxInclusive, EquatableArray<string>.Empty, group, "");

    private static ParamSpec Integer(string name, double? def, double? min = null, string? group = null) =>
        new(name, Pascal(name), "int", ParamKind.Integer, def is null ? null : ParamValue.Of(def.Value), min, true, null, true, EquatableArray<string>.Empty, group, "");

    /// <summary>The taps a test project declares for its models (the taps*.distill baselines).</summary>
    public static readonly string[] DeclaredTaps = ["embedding", "features", "layer3", "logits"];

    private static ParamSpec Tap(string name = "at") =>
        new(name, "At", "string", ParamKind.Tap, ParamValue.OfIdentifier("embedding"), null, true, null, true, EquatableArray<string>.Empty, null, "");

    private static ParamSpec Enum(string name, string def, params string[] values) =>
        new(name, Pascal(name), "Distill.Runtime.Terms.PadReduction", ParamKind.Enum, ParamValue.OfIdentifier(def), null, true, null, true, values.ToEquatableArray(), null, "");

    private static ParamSpec Bool(string name, bool def) =>
        new(name, Pascal(name), "bool", ParamKind.Bool, ParamValue.Of(def), null, true, null, true, EquatableArray<string>.Empty, null, "");

    private static InputSpec In(string role, string tap, string? tapParameter = null) =>
        new(role, tap, tapParameter, role == "" && tap == "labels" ? InputKind.ClassIndices : InputKind.Float, "");

    private static TermSpec Term(string name, ParamSpec[] parameters, params InputSpec[] inputs) =>
        new(name, "Distill.Runtime.Terms." + Pascal(name) + "Term", "", "", parameters.ToEquatableArray(), inputs.ToEquatableArray());

    private static ScheduleSpec Schedule(string name, params ParamSpec[] parameters) =>
        new(name, "Distill.Runtime.Schedules." + Pascal(name) + "Schedule", "", parameters.ToEquatableArray());

    private static string Pascal(string name) => InputNames.Pascal(name);

    private static TermCatalogue Build()
    {
        var feature = new[] { In("student", "embedding", "at"), In("teacher", "embedding", "at") };
        var terms = new[]
        {
            Term("ce", new[] { Number("label_smoothing", 0, 0, true, 1, false) }, In("student", "logits"), In("", "labels")),
            Term("kd", new[] { Number("T", 4, 0, false) }, In("student", "logits"), In("teacher", "logits")),
            Term("sskd", new[]
                {
                    Number("topk", 0.75, 0, false, 1, true), Number("T", 0.5, 0, false), Number("tf_topk", 1, 0, false, 1, true),
                    Number("tf_T", 4, 0, false), Number("tf_weight", 2.7, 0), Number("ss_weight", 10, 0),
                },
                In("student", "rotated_logits"), In("teacher", "rotated_logits"), In("student", "rotated_projection"), In("teacher", "rotated_projection"), In("", "labels")),
            Term("rkd.distance", new[] { Tap() }, feature),
            Term("rkd.angle", new[] { Tap(), Integer("chunk", 0, 0) }, feature),
            Term("sp", new[] { Tap() }, feature),
            Term("cc", new[] { Number("gamma", 0.4, 0, false), Integer("p_order", 2, 0), Tap() }, feature),
            Term("seed", new[] { Number("student_temp", 0.2, 0, false), Number("teacher_temp", 1e-4, 0, false), Integer("queue", 65536, 1), Tap() }, feature),
            Term("bake", new[] { Number("T", 4, 0, false), Number("omega", 0.5, 0, true, 1, false), Number("weight", 1, 0), Tap() },
                In("student", "logits"), In("student", "embedding", "at")),
            Term("pad", new[] { Number("eps", 1e-6, 0, false), Enum("reduction", "mean", "mean", "sum"), Tap(), Bool("detach", false) },
                In("student", "embedding", "at"), In("teacher", "embedding", "at"), In("student", "log_var")),
        };
        var schedules = new[]
        {
            Schedule("warmup", Number("epochs", null, 0, false, group: "duration"), Integer("steps", null, 1, "duration")),
            Schedule("linear", Number("from", 1), Number("to", 0), Number("epochs", null, 0, false, group: "duration"), Integer("steps", null, 1, "duration")),
            Schedule("cosine", Number("from", 1), Number("to", 0), Number("epochs", null, 0, false, group: "duration"), Integer("steps", null, 1, "duration")),
            Schedule("step", Number("at", null, 0), Number("factor", 0)),
        };
        return new TermCatalogue(terms.ToEquatableArray(), schedules.ToEquatableArray()).Normalize();
    }
}
