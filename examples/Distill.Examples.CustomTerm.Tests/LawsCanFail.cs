using System;
using Distill.Runtime;
using Distill.Testing;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static TorchSharp.torch;

namespace Distill.Examples.CustomTerm.Tests;

/// <summary>
/// A law that never fails proves nothing: run it once against a deliberately broken copy of the
/// term and check that it reports the bug.
/// </summary>
public class LawsCanFail
{
    /// <summary>The planted bug: 1 + cos instead of 1 − cos.</summary>
    [TermInput("student", "embedding")]
    [TermInput("teacher", "embedding")]
    private sealed class PlusCosine : LossTerm
    {
        public override Tensor Forward(TermContext context)
        {
            var s = context.Input("StudentEmbedding");
            var t = context.Input("TeacherEmbedding").detach();
            var cos = (s * t).sum(1) / (linalg.vector_norm(s, 2, [1]) * linalg.vector_norm(t, 2, [1])).clamp_min(1e-16);
            return (1.0 + cos).mean();
        }
    }

    [Fact]
    public void ZeroAtIdentity_catches_the_flipped_sign()
    {
        var property = Prop.ForAll(Gens.Arbitrary(Gens.FeaturePair(sameDim: true), minRows: 2),
            x => Laws.ZeroAtIdentity(new PlusCosine(), x, "TeacherEmbedding", "StudentEmbedding"));
        var failure = Record.Exception(() => property.Check(Config.QuickThrowOnFailure.WithMaxTest(50)));
        Assert.NotNull(failure);
        Assert.Contains("ZeroAtIdentity", failure.Message);
    }
}
