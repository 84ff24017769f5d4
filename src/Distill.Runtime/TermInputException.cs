using System;

namespace Distill.Runtime
{
    /// <summary>Misuse at run time: a missing, extra, mis-shaped or non-finite input, named with its term.</summary>
    public sealed class TermInputException(string term, string input, string message)
        : ArgumentException($"{term}: input '{input}': {message}")
    {
        public string Term { get; } = term;
        public string Input { get; } = input;
    }
}
