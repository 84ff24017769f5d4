using System.Collections.Generic;
using Distill.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Training.Tests;

internal sealed class CeTerm : LossTerm
{
    public override Tensor Forward(TermContext context) =>
        nn.functional.cross_entropy(context.Input("StudentLogits"), context.Input("Labels"));
}

internal sealed class EmbeddingMatchTerm : LossTerm
{
    public override Tensor Forward(TermContext context) =>
        (context.Input("StudentEmbedding") - context.Input("TeacherEmbedding")).pow(2).mean();
}

/// <summary>Zero loss with state: counts its training calls, so checkpoints must carry objective state.</summary>
internal sealed class StepCounterTerm : LossTerm
{
    private Tensor _count = zeros(1, dtype: ScalarType.Int64);

    public long Count => _count.item<long>();

    public override Tensor Forward(TermContext context) => zeros(System.Array.Empty<long>());

    public override void AfterForward(TermContext context) => _count.add_(1);

    public override IEnumerable<KeyValuePair<string, Tensor>> State => [new("count", _count)];

    public override void LoadState(IReadOnlyDictionary<string, Tensor> state, Device device) => _count = state["count"].clone().to(device);
}

/// <summary>Reads one named input and returns zero: for refusal tests.</summary>
internal sealed class NeedsTerm(string input) : LossTerm
{
    public string Input { get; } = input;

    public override Tensor Forward(TermContext context) => context.Input(Input).sum() * 0;
}

/// <summary>A loss that is NaN from the first step: the trainer must stop, not train on.</summary>
internal sealed class NanTerm : LossTerm
{
    public override Tensor Forward(TermContext context) => context.Input("StudentLogits").sum() * double.NaN;
}
