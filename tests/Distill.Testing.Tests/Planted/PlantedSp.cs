using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Testing.Tests.Planted;

/// <summary>SP without the row normalisation of the Gram matrices: the loss then grows with the feature scale.</summary>
[TermInput("student", "embedding")]
[TermInput("teacher", "embedding")]
internal sealed class SpWithoutNormalisation : LossTerm
{
    public override Tensor Forward(TermContext context)
    {
        var s = context.Input("StudentEmbedding");
        var t = context.Input("TeacherEmbedding").detach();
        var diff = t.mm(t.t()) - s.mm(s.t());
        return (diff * diff).sum() / (double)(s.shape[0] * s.shape[0]);
    }
}
