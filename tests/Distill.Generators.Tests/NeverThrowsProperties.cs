using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Distill.Generators.Tests
{
    /// <summary>Whatever a .distill file holds, the generator reports and moves on: no exception, no internal-error diagnostic.</summary>
    public class NeverThrowsProperties
    {
        private static readonly string[] Tokens =
        {
            "mine", "ramp", "ce", "kd", "rkd.angle", "let", "T", "x", "=", "+", "-", "*", "/", "(", ")", ",", ".",
            "0", "4", "0.5", "1e-3", "1e999", ".5", "true", "false", "at", "layer3", "epochs", "#", "//", "\n", " ", "\r\n", "\"", "\u00e9",
        };

        private static readonly Microsoft.CodeAnalysis.CSharp.CSharpCompilation Compilation = GeneratorHarness.Compilation(TestTerms.Source);

        private static bool Survives(string text)
        {
            var run = GeneratorHarness.Run(Compilation, GeneratorHarness.Recipe("recipes/any.distill", text));
            return run.Result.Exception is null && run.GeneratorDiagnostics.All(d => d.Id != "DST9001");
        }

        [Property(MaxTest = 100)]
        public bool Arbitrary_text_never_breaks_the_generator(NonNull<string> text) => Survives(text.Get);

        [Property(MaxTest = 200)]
        public Property Token_soup_never_breaks_the_generator() =>
            Prop.ForAll(Arb.From(Gen.Elements(Tokens).ListOf().Select(ts => string.Concat(ts))), Survives);
    }
}
