using static TorchSharp.torch;

namespace Distill.Cli.Bench
{
    /// <summary>
    /// The sizes and element type of synthesised inputs: <see cref="Rows"/> rows per plain input,
    /// <see cref="Classes"/> logit columns, <see cref="Features"/> feature columns.
    /// </summary>
    internal sealed record BenchShape(long Rows, long Classes, long Features, ScalarType DType);
}
