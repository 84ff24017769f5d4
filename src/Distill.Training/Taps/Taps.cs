using System;
using System.Collections.Generic;

namespace Distill.Training
{
    /// <summary>
    /// Where a model's taps come from. A recipe's tap (<c>sp(at = layer3)</c> reads <c>StudentLayer3</c>)
    /// is found, in order: in <see cref="Paths"/> (tap name → module path, e.g. <c>mid</c> → <c>features.2</c>);
    /// for <c>logits</c>, at <see cref="Logits"/> or else the model's own output; for <c>embedding</c>, at
    /// <see cref="Embedding"/>; then as a module path of the same name (<c>layer3</c>, or <c>features_2</c> for
    /// <c>features.2</c>); and last, for <c>embedding</c> only, as the input of the last <c>nn.Linear</c> the
    /// forward pass runs (the classifier's input: ResNet's pooled 512-d features).
    /// Every tap is captured with a forward hook on its module, so the module must be called with
    /// <c>call</c> (as TorchVision's models and <c>Sequential</c> do), not <c>forward</c>.
    /// </summary>
    public sealed record Taps
    {
        /// <summary>The module whose output is the logits; null: the model's own output.</summary>
        public string? Logits { get; init; }

        /// <summary>The module whose output (flattened to N×D by the terms) is the embedding; null: see the type's summary.</summary>
        public string? Embedding { get; init; }

        /// <summary>Extra tap names, each mapped to a module path.</summary>
        public IReadOnlyDictionary<string, string> Paths { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Everything by name: the model's output as logits, modules by their paths.</summary>
        public static Taps Default { get; } = new();
    }
}
