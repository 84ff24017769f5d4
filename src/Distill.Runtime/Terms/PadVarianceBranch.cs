using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// PAD's variance branch (torchdistill VarianceBranch4PAD): Linear(D, D) then BatchNorm1d(D) on the
    /// student embedding (not detached); its output is the StudentLogVar input of <see cref="PadTerm"/>.
    /// </summary>
    public sealed class PadVarianceBranch : nn.Module<Tensor, Tensor>
    {
        private readonly Linear linear;
        private readonly BatchNorm1d norm;

        public PadVarianceBranch(long dim, Device? device = null, ScalarType? dtype = null) : base(nameof(PadVarianceBranch))
        {
            linear = nn.Linear(dim, dim, device: device, dtype: dtype);
            norm = nn.BatchNorm1d(dim, device: device, dtype: dtype);
            RegisterComponents();
        }

        public override Tensor forward(Tensor embedding) => norm.forward(linear.forward(embedding));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                linear.Dispose();
                norm.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
