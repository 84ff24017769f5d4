using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Distill.Runtime.Terms
{
    /// <summary>Cross-entropy of the student logits against the labels (mean over rows), with optional label smoothing.</summary>
    [DistillTerm("ce", Description = "Cross-entropy with the labels, mean over rows (torch cross_entropy semantics).")]
    [TermInput("student", "logits", Description = "Student logits N×C.")]
    [TermInput("", "labels", ClassIndices = true, Description = "Class index of each row, int64 [N].")]
    public sealed class CeTerm : LossTerm
    {
        [TermParameter(Name = "label_smoothing", Default = 0.0, Min = 0, Max = 1,
            Description = "ε in [0, 1] (torch's range): targets become (1−ε)·onehot + ε/C.")]
        public double LabelSmoothing { get; set; }

        public override Tensor Forward(TermContext context)
        {
            var logits = TermChecks.Matrix(context, "StudentLogits");
            // The labels come from the data set and define the batch; rows that differ are the logits' fault.
            var labels = TermChecks.Labels(context, "Labels", rows: null, logits.size(1));
            TermChecks.SameRows(context, "StudentLogits", logits, "Labels", labels.size(0));
            return cross_entropy(logits, labels, label_smoothing: LabelSmoothing);
        }
    }
}
