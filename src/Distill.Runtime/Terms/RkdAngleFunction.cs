using System.Collections.Generic;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// Autograd node for RKD angle: the forward computes the loss and its exact gradient block by block
    /// (<see cref="RkdAngleMath"/>) and saves only the N×D gradient; the backward scales it. Inputs:
    /// student features N×D, teacher distances N×N (constant), anchors per block.
    /// </summary>
    internal sealed class RkdAngleFunction : autograd.SingleTensorFunction<RkdAngleFunction>
    {
        public override string Name => "RkdAngleBackward";

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var student = (Tensor)vars[0];
            var teacherDistances = (Tensor)vars[1];
            long chunk = (long)vars[2];
            var (loss, grad) = RkdAngleMath.Evaluate(student.detach(), teacherDistances, chunk, student.requires_grad);
            if (grad is not null) ctx.save_for_backward([grad]);
            return loss;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var grad = ctx.get_saved_variables()[0];
            return [grad * grad_output, null!, null!];
        }
    }
}
