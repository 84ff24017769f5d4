using System.Collections.Generic;

namespace Distill.Testing
{
    /// <summary>
    /// One evaluation of a term: its value and the gradient of that value with respect to every
    /// floating-point input (a zero matrix where the value does not depend on the input through
    /// autograd, e.g. detached teacher inputs).
    /// </summary>
    public sealed class TermEvaluation(double value, IReadOnlyDictionary<string, double[,]> gradients)
    {
        /// <summary>The term's value as a double.</summary>
        public double Value { get; } = value;

        /// <summary>∂Value/∂input for every floating-point input, by input name.</summary>
        public IReadOnlyDictionary<string, double[,]> Gradients { get; } = gradients;
    }
}
