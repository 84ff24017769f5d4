using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using static TorchSharp.torch;

namespace Distill.Cli.Demo
{
    /// <summary>
    /// Accuracy and mean cross-entropy of a model on one set of images, in evaluation mode: the
    /// same measure for the teacher and every student, whatever objective each was trained on
    /// (a run's own training loss mixes in its distillation terms and is not comparable).
    /// </summary>
    public static class Evaluation
    {
        public static (double Accuracy, double CrossEntropy) Of(ConvNet model, LabelledImages data, Device? device = null)
        {
            long correct = 0;
            double loss = 0;
            Trainer.Evaluate(model, data, device, 1000, (outputs, start, n) =>
            {
                var labels = data.Labels.narrow(0, start, n);
                var logits = outputs.Logits.cpu();
                correct += logits.argmax(1).eq(labels).sum().item<long>();
                loss += nn.functional.cross_entropy(logits.to_type(ScalarType.Float64), labels, reduction: nn.Reduction.Sum).item<double>();
            });
            return ((double)correct / data.Count, loss / data.Count);
        }

        /// <summary>Number of elements in all of the model's parameters (heads included).</summary>
        public static long Parameters(ConvNet model)
        {
            long parameters = 0;
            foreach (var p in model.parameters()) parameters += p.numel();
            return parameters;
        }
    }
}
