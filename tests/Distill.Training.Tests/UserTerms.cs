using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Training.Tests;

/// <summary>A user term, found by RuntimeCatalogue.FromAssemblies in this assembly: mean squared distance between the logits.</summary>
[DistillTerm("logit_match", Description = "Mean squared difference of student and teacher logits (a test term).")]
[TermInput("student", "logits")]
[TermInput("teacher", "logits")]
public sealed class LogitMatchTerm : LossTerm
{
    public override Tensor Forward(TermContext context) =>
        (context.Input("StudentLogits") - context.Input("TeacherLogits")).pow(2).mean();
}
