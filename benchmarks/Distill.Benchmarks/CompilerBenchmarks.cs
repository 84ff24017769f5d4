using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Distill.Dsl;
using Distill.Dsl.Catalogue;
using Distill.Runtime;

namespace Distill.Benchmarks
{
    /// <summary>
    /// Parse + bind of a 1,000-term recipe against the built-in catalogue (read by reflection once, in
    /// setup). Every term is distinct: feature terms on their own tap, with arguments and weights, so the
    /// binder checks names, parameters, ranges and inputs for each. The goal is under 100 ms.
    /// </summary>
    public class CompilerBenchmarks
    {
        private static readonly string[] Shapes =
        [
            "0.5 * sp(at = tap{0})",
            "cc(gamma = 0.3, p_order = 2, at = tap{0})",
            "2 * rkd.distance(at = tap{0})",
            "seed(student_temp = 0.1, queue = 4096, at = tap{0})",
            "0.25 * bake(T = 3, omega = 0.4, at = tap{0})",
        ];

        private TermCatalogue _catalogue = null!;
        private string _recipe = "";

        [Params(1000)]
        public int Terms { get; set; }

        /// <summary>A recipe of <paramref name="terms"/> distinct weighted terms, one per line.</summary>
        public static string Recipe(int terms) =>
            string.Join("\n+ ", Enumerable.Range(0, terms).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, Shapes[i % Shapes.Length], i))) + "\n";

        [GlobalSetup]
        public void Setup()
        {
            _catalogue = RuntimeCatalogue.BuiltIn.Catalogue;
            _recipe = Recipe(Terms);
            var result = RecipeCompiler.Compile(_recipe, _catalogue);
            if (result.HasErrors || result.Recipe?.Terms.Count != Terms)
                throw new InvalidOperationException("the benchmark recipe does not compile: " + string.Join("; ", result.Diagnostics.Take(3).Select(d => d.Message)));
        }

        [Benchmark]
        public CompileResult Compile() => RecipeCompiler.Compile(_recipe, _catalogue);
    }
}
