using Distill.Dsl;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Text;

namespace Distill.Generators.Tests
{
    /// <summary>A bound recipe over <see cref="TestTerms"/>, built by hand so that the emitter is tested apart from the language front end.</summary>
    internal static class SampleRecipe
    {
        public const string Text = "let w = 0.9\nmine + w * ramp(epochs = 5) * mine(T = 2, at = layer3, flag = true, Mode = mean)  # \"quoted\"\n";

        private static readonly BoundInput Labels = new("Labels", "", "labels", InputKind.ClassIndices);
        private static readonly BoundInput StudentLogits = new("StudentLogits", "student", "logits", InputKind.Float);
        private static readonly BoundInput TeacherEmbedding = new("TeacherEmbedding", "teacher", "embedding", InputKind.Float);
        private static readonly BoundInput TeacherLayer3 = new("TeacherLayer3", "teacher", "layer3", InputKind.Float);

        public static BoundRecipe Recipe { get; } = new(
            EquatableArray.Create(
                new BoundTerm("mine", "MyApp.Terms.MineTerm", "mine",
                    Arguments(4, "batch_mean", "embedding", false, true), 1.0, null,
                    EquatableArray.Create(StudentLogits, TeacherEmbedding, Labels), new TextSpan(12, 4)),
                new BoundTerm("mine", "MyApp.Terms.MineTerm", "mine(T=2, Mode=mean, at=layer3, flag=true)",
                    Arguments(2, "mean", "layer3", true, false), 0.9,
                    new BoundSchedule("ramp", "MyApp.Terms.RampSchedule",
                        EquatableArray.Create(new BoundArgument("epochs", "Epochs", ParamKind.Number, ParamValue.Of(5), false)), new TextSpan(23, 16)),
                    EquatableArray.Create(StudentLogits, TeacherLayer3, Labels), new TextSpan(42, 44))),
            EquatableArray.Create(Labels, StudentLogits, TeacherEmbedding, TeacherLayer3));

        private static EquatableArray<BoundArgument> Arguments(double t, string mode, string at, bool flag, bool defaults) => EquatableArray.Create(
            new BoundArgument("T", "T", ParamKind.Number, ParamValue.Of(t), defaults),
            new BoundArgument("queue", "QueueSize", ParamKind.Integer, ParamValue.Of(16), true),
            new BoundArgument("Mode", "Mode", ParamKind.Enum, ParamValue.OfIdentifier(mode), defaults),
            new BoundArgument("at", "At", ParamKind.Tap, ParamValue.OfIdentifier(at), defaults),
            new BoundArgument("flag", "Flag", ParamKind.Bool, ParamValue.Of(flag), defaults));
    }
}
