using System;
using System.Collections.Generic;
using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training
{
    /// <summary>A recipe needs an input that the built-in models cannot feed; raised before training starts.</summary>
    public sealed class UnsatisfiableInputException(string input, IEnumerable<string> supported)
        : InvalidOperationException($"the recipe needs input '{input}', which the built-in models cannot feed; they feed {string.Join(", ", supported)}.")
    {
        public string Input { get; } = input;
    }
}
