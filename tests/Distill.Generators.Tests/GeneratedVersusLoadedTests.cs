using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Generators.Tests
{
    /// <summary>A generated objective and <see cref="Objective.Parse"/> on the same recipe give identical numbers.</summary>
    public class GeneratedVersusLoadedTests
    {
        private const string Recipe = """
            let T = 4
            ce(label_smoothing = 0.1)
              + 0.9 * kd(T = T)
              + 25 * rkd.distance + 50 * rkd.angle
              + warmup(epochs = 2) * sp(at = layer3)
              + cc(gamma = 0.5)
            """;

        [Fact]
        public void The_generated_class_and_the_loaded_objective_agree_exactly()
        {
            var run = GeneratorHarness.Run(GeneratorHarness.Compilation("class Empty { }"), GeneratorHarness.Recipe("recipes/mixed.distill", Recipe));
            Assert.Empty(run.GeneratorDiagnostics);
            var type = InMemoryAssembly.Load(run.Output.WithAssemblyName("Generated" + Guid.NewGuid().ToString("N"))).GetType("MyApp.Recipes.MixedObjective", throwOnError: true)!;
            var generated = (ObjectiveBase)Activator.CreateInstance(type, new object?[] { null })!;
            var loaded = Objective.Parse(Recipe);
            var inputs = RandomInputs(loaded.RequiredInputs);
            var progress = TrainingProgress.At(epoch: 1, stepInEpoch: 3, stepsPerEpoch: 10, totalEpochs: 5);

            using var expected = loaded.Compute(inputs, progress);
            using var actual = Compute(type, generated, inputs, progress);

            Assert.Equal(loaded.RequiredInputs, generated.RequiredInputs);
            Assert.Equal(loaded.Source, generated.Source);
            Assert.Equal(expected.Terms.Select(t => (t.Name, t.Weight, t.Raw)), actual.Terms.Select(t => (t.Name, t.Weight, t.Raw)));
            Assert.Equal(expected.Total.item<double>(), actual.Total.item<double>());
            Assert.Equal(6, actual.Terms.Count);
        }

        private static Dictionary<string, Tensor> RandomInputs(IReadOnlyList<string> names)
        {
            var generator = new TorchSharp.torch.Generator(42);
            return names.ToDictionary(n => n, n => n switch
            {
                "Labels" => randint(10, new long[] { 16 }, generator: generator),
                "StudentLogits" or "TeacherLogits" => randn(new long[] { 16, 10 }, ScalarType.Float64, generator: generator),
                _ => randn(new long[] { 16, 8 }, ScalarType.Float64, generator: generator),
            });
        }

        /// <summary>Calls the generated <c>Compute(Inputs, TrainingProgress)</c>, filling the nested <c>Inputs</c> by name.</summary>
        private static LossResult Compute(Type type, ObjectiveBase objective, Dictionary<string, Tensor> tensors, TrainingProgress progress)
        {
            var inputsType = type.GetNestedType("Inputs")!;
            var inputs = Activator.CreateInstance(inputsType)!;
            foreach (var (name, tensor) in tensors) inputsType.GetProperty(name)!.SetValue(inputs, tensor);
            return (LossResult)type.GetMethod("Compute")!.Invoke(objective, new[] { inputs, progress })!;
        }
    }
}
