using Distill.Runtime;
using Distill.Runtime.Terms;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Distill.Training.Models
{
    /// <summary>
    /// A small CNN for 28×28 images; its forward pass returns the logits, and its taps are modules, so a
    /// <see cref="Distiller"/> finds them by path: <c>layer1</c> (C1×14×14), <c>layer2</c> (C2×7×7; also tapped as
    /// <c>features</c>, see <see cref="Taps"/>), <c>embedding</c> (D) and the output (logits). It also carries the
    /// heads some terms read: an SSKD projection head (<see cref="Projection"/>, Linear–ReLU–Linear on the embedding)
    /// and PAD's variance branch (<see cref="LogVariance"/>). No dropout: the forward pass draws no random numbers,
    /// so training is a pure function of seed and batch order. The parameter names (<c>conv1.weight</c>, …) are
    /// those of every checkpoint written so far: <c>layer1</c>, <c>layer2</c> and <c>embedding</c> hold no parameters.
    /// Its three BatchNorm layers (<c>bn1</c>, <c>bn2</c>, <c>bnfc</c>) normalise over <see cref="BatchNormGroup"/>'s
    /// global batch in training mode (<see cref="SyncBatchNorm"/>); PAD's variance branch keeps per-rank statistics.
    /// </summary>
    public sealed class ConvNet : Module<Tensor, Tensor>, ISyncBatchNorm
    {
        private readonly Conv2d conv1;
        private readonly BatchNorm2d bn1;
        private readonly Sequential layer1;
        private readonly Conv2d conv2;
        private readonly BatchNorm2d bn2;
        private readonly Sequential layer2;
        private readonly Flatten flatten;
        private readonly Linear fc;
        private readonly BatchNorm1d bnfc;
        private readonly ReLU embedding;
        private readonly Linear head;
        private readonly Sequential projection;
        private readonly PadVarianceBranch logVar;

        public ConvNet(ConvNetSpec spec) : base(nameof(ConvNet))
        {
            Spec = spec;
            conv1 = Conv2d(1, spec.Channels1, 3, padding: 1, bias: false);
            bn1 = BatchNorm2d(spec.Channels1);
            layer1 = Sequential(ReLU(), MaxPool2d(2));
            conv2 = Conv2d(spec.Channels1, spec.Channels2, 3, padding: 1, bias: false);
            bn2 = BatchNorm2d(spec.Channels2);
            layer2 = Sequential(ReLU(), MaxPool2d(2));
            flatten = Flatten();
            fc = Linear(spec.Channels2 * 7 * 7, spec.EmbeddingDim, hasBias: false);
            bnfc = BatchNorm1d(spec.EmbeddingDim);
            embedding = ReLU();
            head = Linear(spec.EmbeddingDim, spec.Classes);
            projection = Sequential(Linear(spec.EmbeddingDim, spec.EmbeddingDim), ReLU(), Linear(spec.EmbeddingDim, spec.ProjectionDim));
            logVar = new PadVarianceBranch(spec.EmbeddingDim);
            RegisterComponents();
        }

        public ConvNetSpec Spec { get; }

        /// <summary>
        /// The ranks whose rows share the batch statistics in training mode (<see cref="SyncBatchNorm"/>):
        /// <see cref="SingleProcess"/> (plain BatchNorm) unless a data-parallel <see cref="Distiller"/> sets it for its run.
        /// </summary>
        public IProcessGroup BatchNormGroup { get; set; } = SingleProcess.Instance;

        /// <summary>The taps of the built-in models: <c>features</c> is <c>layer2</c>, the last feature map.</summary>
        public static Taps Taps { get; } = new() { Paths = new System.Collections.Generic.Dictionary<string, string> { ["features"] = "layer2" } };

        public override Tensor forward(Tensor input)
        {
            var x = layer1.call(SyncBatchNorm.Forward(bn1, conv1.call(input), BatchNormGroup));
            x = layer2.call(SyncBatchNorm.Forward(bn2, conv2.call(x), BatchNormGroup));
            var e = embedding.call(SyncBatchNorm.Forward(bnfc, fc.call(flatten.call(x)), BatchNormGroup));
            return head.call(e);
        }

        /// <summary>The SSKD projection head (it reads the embedding).</summary>
        public Module<Tensor, Tensor> Projection => projection;

        /// <summary>PAD's variance branch: per-dimension log-variance of an embedding.</summary>
        public Module<Tensor, Tensor> LogVariance => logVar;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                conv1.Dispose(); bn1.Dispose(); layer1.Dispose(); conv2.Dispose(); bn2.Dispose(); layer2.Dispose(); flatten.Dispose();
                fc.Dispose(); bnfc.Dispose(); embedding.Dispose(); head.Dispose(); projection.Dispose(); logVar.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
