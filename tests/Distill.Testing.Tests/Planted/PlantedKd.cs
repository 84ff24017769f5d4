using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Testing.Tests.Planted;

/// <summary>Bugs a KD implementation plausibly has; each must be caught by some law.</summary>
internal enum KdBug
{
    /// <summary>KL without the T² factor: the gradient shrinks with T (caught by the closed-form gradient).</summary>
    WithoutTSquared,
    /// <summary>Teacher softened by T, student not: nonzero at equal logits.</summary>
    UntemperedStudent,
    /// <summary>log(softmax(x)) instead of log_softmax: 0·(−∞) = NaN at ±1e4 logits.</summary>
    NaiveLogSoftmax,
    /// <summary>KL(q ‖ p) written with the sign flipped: negative values.</summary>
    NegatedKl,
    /// <summary>Only the first row counted: depends on the batch order.</summary>
    FirstRowOnly,
    /// <summary>The right value, detached (as cc(p_order = 0) once returned): backward() throws.</summary>
    Detached,
}

/// <summary>Hinton KD (T = 4) with one planted <see cref="KdBug"/>.</summary>
[TermInput("student", "logits")]
[TermInput("teacher", "logits")]
internal sealed class PlantedKd(KdBug bug) : LossTerm
{
    private const double T = 4;

    public override Tensor Forward(TermContext context)
    {
        var s = context.Input("StudentLogits");
        var t = context.Input("TeacherLogits");
        if (bug == KdBug.FirstRowOnly) (s, t) = (s[..1], t[..1]);
        double n = s.shape[0];
        var p = (t / T).softmax(1);
        var logP = (t / T).log_softmax(1);
        var logQ = bug switch
        {
            KdBug.UntemperedStudent => s.log_softmax(1),
            KdBug.NaiveLogSoftmax => (s / T).softmax(1).log(),
            _ => (s / T).log_softmax(1),
        };
        if (bug == KdBug.NaiveLogSoftmax) logP = p.log();
        var kl = (p * (logP - logQ)).sum() / n;
        return bug switch
        {
            KdBug.WithoutTSquared => kl,
            KdBug.NegatedKl => -kl * (T * T),
            KdBug.Detached => kl.detach() * (T * T),
            _ => kl * (T * T),
        };
    }
}
