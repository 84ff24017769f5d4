using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Distill.Cli.Bench;
using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Benchmarks
{
    /// <summary>
    /// SEED (queue K = 4096) forward + backward against a bare N×D by D×(K+1) matrix product and its
    /// backward, same N, D and dtype. The goal is SEED within 1.2× of the baseline. Two baselines, since
    /// "a matrix product's backward" can mean either: with a constant right operand (2 products: forward
    /// and the left gradient) and with both operands trainable (3 products). SEED itself needs 3: the
    /// student's scores, their backward, and the teacher's scores against the same queue. <c>SeedGraph</c>
    /// is the same term through its plain-graph path (two N×(K+1) concatenations, softmax, log_softmax and
    /// autograd), the form used before the fused kernel and still used off the CPU.
    /// </summary>
    public class SeedBenchmarks
    {
        private const int K = 4096;
        private const int D = 128;
        private Objective _seed = null!;
    private Objective _seedGraph = null!;
        private Dictionary<string, Tensor> _inputs = null!;
        private IReadOnlyList<Tensor> _leaves = null!;
        private Tensor _student = null!;
        private Tensor _keys = null!;
        private Tensor _trainableKeys = null!;

        [Params(64, 256)]
        public int N { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            set_num_threads(2);
            _seed = Objective.Parse($"seed(queue = {K})");
            _seed.Training = false;
            _seedGraph = Objective.Parse($"seed(queue = {K})");
            _seedGraph.Training = false;
            ((Runtime.Terms.SeedTerm)_seedGraph.Terms[0].Term).Fused = false;
            using var generator = new Generator(0, CPU);
            _inputs = BenchInputs.For(_seed.Recipe, new BenchShape(N, 100, D, ScalarType.Float32), generator);
            _leaves = BenchInputs.Leaves(_inputs);
            _student = randn([N, D], generator: generator).requires_grad_(true);
            _keys = randn([K + 1, D], generator: generator);
            _trainableKeys = randn([K + 1, D], generator: generator).requires_grad_(true);
        }

        [Benchmark(Baseline = true)]
        public void MatrixProduct()
        {
            using var scope = NewDisposeScope();
            _student.grad = null;
            _student.mm(_keys.t()).sum().backward();
        }

        [Benchmark]
        public void MatrixProductBothOperands()
        {
            using var scope = NewDisposeScope();
            _student.grad = null;
            _trainableKeys.grad = null;
            _student.mm(_trainableKeys.t()).sum().backward();
        }

        [Benchmark]
        public void Seed() => StepTimer.Step(_seed, _inputs, _leaves);

        [Benchmark]
        public void SeedGraph() => StepTimer.Step(_seedGraph, _inputs, _leaves);
    }
}
