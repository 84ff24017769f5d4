using Distill.Runtime.Terms;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;

namespace Distill.Training.Models
{
    /// <summary>
    /// A small CNN for 28×28 images with named taps: <c>layer1</c> (C1×14×14), <c>layer2</c>
    /// (C2×7×7), <c>embedding</c> (D) and <c>logits</c>. It also carries the heads some terms
    /// read: an SSKD projection head (Linear–ReLU–Linear on the embedding) and PAD's variance
    /// branch (<see cref="PadVarianceBranch"/> on the embedding). No dropout: the forward pass
    /// draws no random numbers, so training is a pure function of seed and batch order.
    /// </summary>
    public sealed class ConvNet : Module<Tensor, ModelOutputs>
    {
        private readonly Conv2d conv1;
        private readonly BatchNorm2d bn1;
        private readonly Conv2d conv2;
        private readonly BatchNorm2d bn2;
        private readonly Linear fc;
        private readonly BatchNorm1d bnfc;
        private readonly Linear head;
        private readonly Sequential projection;
        private readonly PadVarianceBranch logVar;

        public ConvNet(ConvNetSpec spec) : base(nameof(ConvNet))
        {
            Spec = spec;
            conv1 = Conv2d(1, spec.Channels1, 3, padding: 1, bias: false);
            bn1 = BatchNorm2d(spec.Channels1);
            conv2 = Conv2d(spec.Channels1, spec.Channels2, 3, padding: 1, bias: false);
            bn2 = BatchNorm2d(spec.Channels2);
            fc = Linear(spec.Channels2 * 7 * 7, spec.EmbeddingDim, hasBias: false);
            bnfc = BatchNorm1d(spec.EmbeddingDim);
            head = Linear(spec.EmbeddingDim, spec.Classes);
            projection = Sequential(Linear(spec.EmbeddingDim, spec.EmbeddingDim), ReLU(), Linear(spec.EmbeddingDim, spec.ProjectionDim));
            logVar = new PadVarianceBranch(spec.EmbeddingDim);
            RegisterComponents();
        }

        public ConvNetSpec Spec { get; }

        public override ModelOutputs forward(Tensor input)
        {
            var layer1 = functional.max_pool2d(functional.relu(bn1.forward(conv1.forward(input))), 2);
            var layer2 = functional.max_pool2d(functional.relu(bn2.forward(conv2.forward(layer1))), 2);
            var embedding = functional.relu(bnfc.forward(fc.forward(layer2.flatten(1))));
            return new ModelOutputs(layer1, layer2, embedding, head.forward(embedding));
        }

        /// <summary>The SSKD projection head applied to an embedding.</summary>
        public Tensor Project(Tensor embedding) => projection.forward(embedding);

        /// <summary>PAD's variance branch: per-dimension log-variance of an embedding.</summary>
        public Tensor LogVariance(Tensor embedding) => logVar.forward(embedding);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                conv1.Dispose(); bn1.Dispose(); conv2.Dispose(); bn2.Dispose();
                fc.Dispose(); bnfc.Dispose(); head.Dispose(); projection.Dispose(); logVar.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
