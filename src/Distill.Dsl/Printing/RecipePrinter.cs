using System.Linq;
using System.Text;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;

namespace Distill.Dsl.Printing
{
    /// <summary>
    /// The canonical form of a bound recipe, as <c>distill explain</c> shows it: the normalised
    /// weighted sum, every weight folded to one number, then the schedule, then the term, each with
    /// the arguments the recipe gave: <c>1 * ce + 0.9 * kd(T=4) + 2 * warmup(epochs=5) * pad</c>.
    /// Negative weights print as subtraction. The output is itself a recipe that binds to the same terms.
    /// </summary>
    public static class RecipePrinter
    {
        public static string Print(BoundRecipe recipe)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < recipe.Terms.Count; i++)
            {
                var term = recipe.Terms[i];
                bool negative = term.Weight < 0 || (term.Weight == 0 && double.IsNegativeInfinity(1 / term.Weight));
                if (i > 0) sb.Append(negative ? " - " : " + ");
                else if (negative) sb.Append('-');
                sb.Append(ParamValue.FormatNumber(System.Math.Abs(term.Weight))).Append(" * ");
                if (term.Schedule is not null)
                    sb.Append(Call(term.Schedule.Name, term.Schedule.Arguments)).Append(" * ");
                sb.Append(Call(term.Name, term.Arguments));
            }
            return sb.ToString();
        }

        private static string Call(string name, EquatableArray<BoundArgument> arguments)
        {
            var given = arguments.Where(a => !a.IsDefault).Select(a => $"{a.Name}={a.Value}").ToList();
            return given.Count == 0 ? name : $"{name}({string.Join(", ", given)})";
        }
    }
}
