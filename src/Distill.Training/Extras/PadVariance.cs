using System.Collections.Generic;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Training
{
    /// <summary>
    /// PAD's variance branch: feeds <c>StudentLogVar</c> = <paramref name="branch"/>(student tap <paramref name="at"/>),
    /// and trains the branch with the student. Use <see cref="PadVarianceBranch"/> (Linear then BatchNorm1d, as
    /// torchdistill's VarianceBranch4PAD) sized to the student's embedding width.
    /// </summary>
    public sealed class PadVariance(nn.Module<Tensor, Tensor> branch, string at = "embedding") : ExtraInputs
    {
        public const string Input = "StudentLogVar";

        public nn.Module<Tensor, Tensor> Branch { get; } = branch;

        public override IReadOnlyList<string> Provides { get; } = [Input];

        public override IEnumerable<(string Role, string Tap)> Reads => [("student", at)];

        public override IEnumerable<nn.Module> Trainable => [Branch];

        public override void Feed(ExtraInputContext context, IDictionary<string, Tensor> inputs)
        {
            if (!context.Needed.Contains(Input)) return;
            var embedding = context.Plain(context.Student[at]);
            inputs[Input] = Branch.call(embedding.dim() == 2 ? embedding : embedding.flatten(1));
        }
    }
}
