using static TorchSharp.torch;

namespace Distill.Runtime
{
    /// <summary>
    /// One term's contribution at this step: its display name, its weight at this progress, and
    /// its unweighted value (detached; null when the weight was 0 and the term was skipped).
    /// </summary>
    public sealed record TermValue(string Name, double Weight, Tensor? Value)
    {
        /// <summary>
        /// The same unweighted value still attached to the autograd graph (null when skipped), so a trainer can take
        /// one term's gradient alone (Distill.Training's gradient share); <see cref="Value"/> is detached. In a recipe of one
        /// term with weight 1 it is the very tensor of <see cref="LossResult.Total"/> (disposing the result disposes both).
        /// </summary>
        public Tensor? Graph { get; init; }

        /// <summary>The unweighted value as a double (NaN when skipped). Synchronises with the device.</summary>
        public double Raw => Value is null ? double.NaN : Value.to_type(ScalarType.Float64).item<double>();

        /// <summary>Weight × value (0 when skipped).</summary>
        public double Weighted => Value is null ? 0 : Weight * Raw;
    }
}
