using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Distill.Cli.Bench;
using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Benchmarks
{
    /// <summary>
    /// Forward + backward of each composite term alone and of the whole composite, at N = 64 and 256,
    /// C = 100, D = 128, float32, 2 threads; inputs as in <c>distill bench</c> (evaluation mode).
    /// </summary>
    public class ObjectiveBenchmarks
    {
        private Objective _objective = null!;
        private Dictionary<string, Tensor> _inputs = null!;
        private IReadOnlyList<Tensor> _leaves = null!;

        [ParamsSource(nameof(Recipes))]
        public string Recipe { get; set; } = "";

        [Params(64, 256)]
        public int N { get; set; }

        public static IEnumerable<string> Recipes() => CompositeRecipes.All();

        [GlobalSetup]
        public void Setup()
        {
            set_num_threads(2);
            _objective = Objective.Parse(Recipe);
            _objective.Training = false;
            using var generator = new Generator(0, CPU);
            _inputs = BenchInputs.For(_objective.Recipe, new BenchShape(N, 100, 128, ScalarType.Float32), generator);
            _leaves = BenchInputs.Leaves(_inputs);
        }

        [Benchmark]
        public void ForwardBackward() => StepTimer.Step(_objective, _inputs, _leaves);
    }
}
