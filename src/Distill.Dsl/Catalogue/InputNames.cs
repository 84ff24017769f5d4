using System.Text;

namespace Distill.Dsl.Catalogue
{
    /// <summary>How inputs are named: PascalCase(role) + PascalCase(tap), e.g. ("student", "rotated_logits") → StudentRotatedLogits.</summary>
    public static class InputNames
    {
        public static string Of(string role, string tap) => Pascal(role) + Pascal(tap);

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
