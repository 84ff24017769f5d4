using System;
using System.Linq;
using Distill.Runtime;
using Distill.Training.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Distill.Training
{
    /// <summary>Chunked no-grad evaluation of a model on labelled images: accuracy, or any tap of every chunk.</summary>
    public static class Evaluation
    {
        /// <summary>
        /// Top-1 accuracy of <paramref name="model"/>'s output (or <paramref name="taps"/>' logits) on <paramref name="data"/>; leaves the model in eval mode.
        /// With a <paramref name="group"/> of K &gt; 1 ranks each rank evaluates its contiguous block of the images and the counts
        /// are all-reduced, so every rank returns the whole set's accuracy (call it on every rank).
        /// </summary>
        public static double Accuracy(Module<Tensor, Tensor> model, LabelledImages data, Device? device = null, int batch = 1000, Taps? taps = null,
                                      IProcessGroup? group = null) =>
            Score(model, data, device, batch, taps, group).Accuracy;

        /// <summary>
        /// Top-1 accuracy and mean cross-entropy (in float64) of <paramref name="model"/>'s logits on <paramref name="data"/>;
        /// leaves the model in eval mode. The same measure for a teacher and every student, whatever objective each was
        /// trained on (a run's own training loss mixes in its distillation terms and is not comparable). With a
        /// <paramref name="group"/> of K &gt; 1 ranks each rank evaluates its contiguous block of the images (eval mode: a row's
        /// logits do not depend on the others) and the correct count and summed loss are all-reduced (one float64
        /// all-reduce), so every rank returns the whole set's numbers after 1/K of the work.
        /// </summary>
        public static (double Accuracy, double Loss) Score(Module<Tensor, Tensor> model, LabelledImages data, Device? device = null, int batch = 1000, Taps? taps = null,
                                                           IProcessGroup? group = null)
        {
            group ??= SingleProcess.Instance;
            int first = (int)((long)data.Count * group.Rank / group.Size), end = (int)((long)data.Count * (group.Rank + 1) / group.Size);
            double correct = 0, loss = 0;
            if (end > first)
            {
                using var part = group.Size == 1 ? null : data.Slice(first, end - first);
                var rows = part ?? data;
                Visit(model, rows, "logits", device, batch, taps, (logits, start, n) =>
                {
                    var scores = logits.cpu().to_type(ScalarType.Float64);
                    var labels = rows.Labels.narrow(0, start, n);
                    correct += scores.argmax(1).eq(labels).sum().item<long>();
                    loss += functional.cross_entropy(scores, labels, reduction: Reduction.Sum).item<double>();
                });
            }
            if (group.Size > 1)
            {
                using var sums = tensor(new[] { correct, loss }, ScalarType.Float64);
                group.AllReduceSum(sums);
                var values = sums.data<double>().ToArray();
                (correct, loss) = (values[0], values[1]);
            }
            return (correct / data.Count, loss / data.Count);
        }

        /// <summary>Number of elements in all of the model's parameters (heads included).</summary>
        public static long Parameters(Module model)
        {
            long parameters = 0;
            foreach (var p in model.parameters()) parameters += p.numel();
            return parameters;
        }

        /// <summary>
        /// Runs <paramref name="model"/> in evaluation mode under no_grad over <paramref name="data"/> in chunks of
        /// <paramref name="batch"/> images, each in its own dispose scope, and hands the tap <paramref name="tap"/>
        /// (resolved as <see cref="Taps"/> says) of every chunk, with its first row and size, to <paramref name="visit"/>.
        /// </summary>
        public static void Visit(Module<Tensor, Tensor> model, LabelledImages data, string tap, Device? device, int batch, Taps? taps,
                                 Action<Tensor, int, int> visit)
        {
            model.eval();
            using var noGrad = no_grad();
            var first = data.Images.narrow(0, 0, Math.Min(batch, data.Count));
            using var recorder = TapRecorder.Attach(model, "model", taps ?? Taps.Default, [tap], _ => "evaluation",
                m => { using var scope = NewDisposeScope(); m.call(device is null ? first : first.to(device)); });
            for (int start = 0; start < data.Count; start += batch)
            {
                using var scope = NewDisposeScope();
                int n = Math.Min(batch, data.Count - start);
                var x = data.Images.narrow(0, start, n);
                if (device is not null) x = x.to(device);
                visit(recorder.Run(x)[tap], start, n);
            }
        }
    }
}
