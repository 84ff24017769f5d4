using static TorchSharp.torch;

namespace Distill.Cli.Tests;

/// <summary>A user term living outside Distill.Runtime, loaded with <c>--terms</c>.</summary>
[Distill.Runtime.DistillTerm("user.scale", Description = "student logits mean, scaled")]
[Distill.Runtime.TermInput("student", "logits")]
public sealed class UserScaleTerm : Distill.Runtime.LossTerm
{
    [Distill.Runtime.TermParameter(Name = "factor", Default = 1.0)]
    public double Factor { get; set; } = 1;

    public override Tensor Forward(Distill.Runtime.TermContext context) => context.Input("StudentLogits").mean() * Factor;
}
