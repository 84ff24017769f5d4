using Distill.Runtime;
using Distill.Runtime.Terms;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Distill.Testing.Tests.Planted;

/// <summary>Bugs an RKD-distance implementation plausibly has; each breaks one law.</summary>
internal enum RkdBug
{
    /// <summary>L1 (Manhattan) pairwise distances: still translation- and scale-invariant, not rotation-invariant.</summary>
    L1Distances,
    /// <summary>Mean-normalised inner products instead of distances: rotation- but not translation-invariant.</summary>
    GramInsteadOfDistances,
    /// <summary>Distances not divided by their mean: not scale-invariant.</summary>
    NoMeanNormalisation,
    /// <summary>The student's mean distance detached: the gradient misses a term (finite differences disagree).</summary>
    DetachedStudentMean,
}

/// <summary>RKD distance on StudentEmbedding/TeacherEmbedding with one planted <see cref="RkdBug"/>.</summary>
[TermInput("student", "embedding")]
[TermInput("teacher", "embedding")]
internal sealed class PlantedRkdDistance(RkdBug bug) : LossTerm
{
    public override Tensor Forward(TermContext context)
    {
        var s = Relations(context.Input("StudentEmbedding"), student: true);
        Tensor t;
        using (no_grad()) t = Relations(context.Input("TeacherEmbedding"), student: false);
        return smooth_l1_loss(s, t, beta: 1.0);
    }

    private Tensor Relations(Tensor e, bool student)
    {
        long n = e.shape[0];
        var d = bug switch
        {
            RkdBug.L1Distances => (e.unsqueeze(1) - e.unsqueeze(0)).abs().sum(2),
            RkdBug.GramInsteadOfDistances => e.mm(e.t()),
            _ => RkdDistanceTerm.Distances(e.mm(e.t())),
        };
        if (bug == RkdBug.NoMeanNormalisation) return d;
        var mean = bug == RkdBug.GramInsteadOfDistances ? d.abs().mean() : d.sum() / (double)(n * (n - 1));
        if (bug == RkdBug.DetachedStudentMean && student) mean = mean.detach();
        return d / mean;
    }
}
