using System;
using System.Collections.Generic;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;
using static TorchSharp.torch;

namespace Distill.Cli
{
    /// <summary>
    /// Random tensors for every input a recipe requires: logits over <see cref="Classes"/> classes,
    /// features of width <see cref="Features"/>, int64 labels; rotated (SSKD) inputs get 4 rows per sample.
    /// </summary>
    internal static class RandomInputs
    {
        public const int Classes = 10;
        public const int Features = 16;

        public static Dictionary<string, Tensor> For(BoundRecipe recipe, int batch, Device device, Generator generator)
        {
            var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var input in recipe.Inputs)
            {
                long rows = input.Tap.StartsWith("rotated", StringComparison.Ordinal) ? 4L * batch : batch;
                inputs[input.Name] = input.Kind == InputKind.ClassIndices
                    ? randint(0, Classes, [rows], generator: generator).to(device)
                    : randn([rows, input.Tap.EndsWith("logits", StringComparison.Ordinal) ? Classes : Features], generator: generator).to(device)
                        .requires_grad_(input.Role == "student");
            }
            return inputs;
        }
    }
}
