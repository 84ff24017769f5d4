using System.Collections.Generic;
using System.Linq;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using static TorchSharp.torch;

namespace Distill.Training.Tests;

/// <summary>A hand-written objective over the engine: any mix of <see cref="CeTerm"/>, <see cref="EmbeddingMatchTerm"/> and <see cref="StepCounterTerm"/>.</summary>
internal sealed class TestObjective(IReadOnlyList<Distill.Runtime.WeightedTerm> terms)
    : Distill.Runtime.ObjectiveBase("test", terms, terms.SelectMany(t => Inputs(t.Term)).Distinct().Order(System.StringComparer.Ordinal).ToList(), null)
{
    public Distill.Runtime.LossResult Compute(IReadOnlyDictionary<string, Tensor> inputs, Distill.Runtime.TrainingProgress progress) =>
        ComputeCore(inputs, progress);

    public TrainingObjective ForTrainer() => new(this, Compute);

    public static TestObjective Ce() => new([new("ce", new CeTerm(), 1)]);

    public static TestObjective Distilling() => new([
        new("ce", new CeTerm(), 1),
        new("match", new EmbeddingMatchTerm(), 0.5),
        new("counter", new StepCounterTerm(), 1),
    ]);

    private static IEnumerable<string> Inputs(Distill.Runtime.LossTerm term) => term switch
    {
        CeTerm => ["StudentLogits", "Labels"],
        EmbeddingMatchTerm => ["StudentEmbedding", "TeacherEmbedding"],
        NeedsTerm n => [n.Input],
        NanTerm => ["StudentLogits"],
        _ => [],
    };
}
