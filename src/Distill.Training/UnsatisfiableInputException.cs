using System;

namespace Distill.Training
{
    /// <summary>
    /// An input the recipe needs that the models, the extra-input helpers or the data cannot feed as
    /// the term needs it (a tap that does not exist, a shape that does not fit, no labels). Raised by
    /// the check before step one; the message names the term, the input, the problem and the fix.
    /// </summary>
    public sealed class UnsatisfiableInputException(string term, string input, string problem, string fix)
        : InvalidOperationException($"{term}: input '{input}': {problem} Fix: {fix}")
    {
        /// <summary>The term (or terms, comma-separated) that read the input; "recipe" when unknown.</summary>
        public string Term { get; } = term;
        public string Input { get; } = input;
        public string Problem { get; } = problem;
        public string Fix { get; } = fix;
    }
}
