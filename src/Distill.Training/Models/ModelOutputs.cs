using static TorchSharp.torch;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;

namespace Distill.Training.Models
{
    /// <summary>One forward pass of a <see cref="ConvNet"/>: every tap it exposes.</summary>
    public sealed record ModelOutputs(Tensor Layer1, Tensor Layer2, Tensor Embedding, Tensor Logits)
    {
        /// <summary>The tap by its DSL name (<c>layer1</c>, <c>layer2</c> = <c>features</c> (the last feature map), <c>embedding</c>, <c>logits</c>), or null.</summary>
        public Tensor? Tap(string tap) => tap switch
        {
            "layer1" => Layer1,
            "layer2" or "features" => Layer2,
            "embedding" => Embedding,
            "logits" => Logits,
            _ => null,
        };

        public static string[] TapNames { get; } = ["layer1", "layer2", "features", "embedding", "logits"];
    }
}
