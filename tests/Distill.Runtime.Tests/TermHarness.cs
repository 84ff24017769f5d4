using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime.Tests.Golden;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// Runs one term through the real engine (<see cref="ObjectiveBase"/>) with named inputs, so tests see
/// the dispose scope, the current-term name in errors and AfterForward exactly as objectives do.
/// </summary>
public sealed class TermHarness : ObjectiveBase
{
    public TermHarness(string name, LossTerm term, IEnumerable<string> inputNames)
        : this([new WeightedTerm(name, term, 1.0)], inputNames)
    {
    }

    public TermHarness(IReadOnlyList<WeightedTerm> terms, IEnumerable<string> inputNames)
        : base(string.Join(" + ", terms.Select(t => t.Name)), terms, inputNames.OrderBy(n => n, StringComparer.Ordinal).ToList(), CPU)
    {
    }

    public LossResult Compute(IReadOnlyDictionary<string, Tensor> inputs) => ComputeCore(inputs, TrainingProgress.Completed);

    /// <summary>Evaluates <paramref name="term"/> once and returns the loss tensor (detached scalar) after backward.</summary>
    public static double Run(string name, LossTerm term, IReadOnlyDictionary<string, Tensor> inputs, bool training = true)
    {
        var harness = new TermHarness(name, term, inputs.Keys) { Training = training };
        using var result = harness.Compute(inputs);
        if (result.Total.requires_grad) result.Total.backward();
        using var value = result.Total.to_type(ScalarType.Float64);
        return value.item<double>();
    }

    /// <summary>
    /// Builds the inputs of a golden case under the term's input names (<paramref name="names"/> maps
    /// golden → term names), in <paramref name="dtype"/>, with gradients on the golden grad inputs.
    /// </summary>
    public static Dictionary<string, Tensor> Inputs(GoldenCase c, IReadOnlyDictionary<string, string> names, ScalarType dtype)
    {
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (golden, term) in names)
        {
            var t = c.Input(golden, dtype);
            if (c.HasGrad(golden)) t.requires_grad_(true);
            inputs[term] = t;
        }
        return inputs;
    }
}
