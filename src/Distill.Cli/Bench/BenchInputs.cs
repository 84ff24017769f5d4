using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;
using static TorchSharp.torch;

namespace Distill.Cli.Bench
{
    /// <summary>
    /// Inputs for a recipe, by input name, fed the way reference/bench_torch.py feeds its terms: teacher
    /// logits 3·randn, student logits 0.5·teacher + randn, features randn, labels uniform over the classes;
    /// student-side tensors are leaves with requires_grad. Plain inputs get N rows. Rotated (SSKD) inputs
    /// hold 4 rows per image: when only rotated terms read Labels the N rows are N/4 images × 4 rotations
    /// (bench_torch.py's sskd); when a plain term reads Labels too (ce) the batch is N images and the
    /// rotated inputs get 4N rows, because one Labels tensor must serve both.
    /// </summary>
    internal static class BenchInputs
    {
        public static Dictionary<string, Tensor> For(BoundRecipe recipe, BenchShape shape, Generator generator)
        {
            long images = ImagesFor(recipe, shape.Rows);
            var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            var ordered = recipe.Inputs.OrderBy(i => i.Role == "teacher" ? 0 : 1).ThenBy(i => i.Name, StringComparer.Ordinal);
            foreach (var input in ordered)
            {
                long rows = IsRotated(input) ? 4 * images : input.Kind == InputKind.ClassIndices ? images : shape.Rows;
                inputs[input.Name] = Make(input, rows, shape, inputs, generator);
            }
            return inputs;
        }

        /// <summary>The leaves whose gradients a backward pass fills (student-side inputs).</summary>
        public static IReadOnlyList<Tensor> Leaves(IReadOnlyDictionary<string, Tensor> inputs) =>
            inputs.Values.Where(t => t.requires_grad).ToList();

        private static long ImagesFor(BoundRecipe recipe, long rows)
        {
            var labelReaders = recipe.Terms.Where(t => t.Inputs.Any(i => i.Kind == InputKind.ClassIndices)).ToList();
            bool onlyRotated = labelReaders.Count > 0 && labelReaders.All(t => t.Inputs.Any(IsRotated));
            if (!onlyRotated) return rows;
            if (rows % 4 != 0) throw new ArgumentException($"--batch {rows}: the rotated inputs need a multiple of 4 rows.");
            return rows / 4;
        }

        private static bool IsRotated(BoundInput input) => input.Tap.StartsWith("rotated", StringComparison.Ordinal);

        private static bool IsLogits(BoundInput input) => input.Tap.EndsWith("logits", StringComparison.Ordinal);

        private static Tensor Make(BoundInput input, long rows, BenchShape shape, Dictionary<string, Tensor> made, Generator generator)
        {
            if (input.Kind == InputKind.ClassIndices)
                return randint(0, shape.Classes, [rows], generator: generator);
            long columns = IsLogits(input) ? shape.Classes : shape.Features;
            var noise = randn([rows, columns], shape.DType, generator: generator);
            if (input.Role != "student") return IsLogits(input) ? noise * 3 : noise;
            string teacherName = "Teacher" + input.Name.Substring("Student".Length);
            var value = IsLogits(input) && made.TryGetValue(teacherName, out var teacher) && teacher.shape[0] == rows
                ? teacher * 0.5 + noise
                : noise;
            return value.detach().requires_grad_(true);
        }
    }
}
