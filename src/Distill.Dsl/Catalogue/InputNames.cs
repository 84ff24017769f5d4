using System.Text;

namespace Distill.Dsl.Catalogue
{
    /// <summary>How inputs are named: PascalCase(role) + PascalCase(tap), e.g. ("student", "rotated_logits") → StudentRotatedLogits.</summary>
    public static class InputNames
    {
        public static string Of(string role, string tap) => Pascal(role) + Pascal(tap);

        /// <summary>PascalCase → snake_case: "BatchMean" → "batch_mean", "Mean" → "mean".</summary>
        public static string Snake(string pascal)
        {
            var sb = new StringBuilder(pascal.Length + 4);
            for (int i = 0; i < pascal.Length; i++)
            {
                char c = pascal[i];
                if (char.IsUpper(c))
                {
                    if (i > 0) sb.Append('_');
                    sb.Append(char.ToLowerInvariant(c));
                }
                else sb.Append(c);
            }
            return sb.ToString();
        }

        public static string Pascal(string snake)
        {
            var sb = new StringBuilder(snake.Length);
            bool upper = true;
            foreach (char c in snake)
            {
                if (c == '_' || c == '.' || c == '-') { upper = true; continue; }
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            return sb.ToString();
        }
    }
}
