using System.Globalization;
using System.IO;
using System.Linq;
using Distill.Runtime;

namespace Distill.Cli
{
    /// <summary>Prints a <see cref="LossResult"/> as a per-term table (term, weight, value, weight × value) and the total.</summary>
    internal static class TermTable
    {
        public static void Write(TextWriter w, LossResult result)
        {
            int width = System.Math.Max(5, result.Terms.Select(t => t.Name.Length).DefaultIfEmpty(0).Max());
            w.WriteLine($"  {"term".PadRight(width)}  {"weight",10}  {"value",12}  {"weighted",12}");
            w.WriteLine($"  {new string('-', width)}  {new string('-', 10)}  {new string('-', 12)}  {new string('-', 12)}");
            foreach (var term in result.Terms)
            {
                string value = term.Value is null ? "skipped" : Number(term.Raw);
                w.WriteLine($"  {term.Name.PadRight(width)}  {Number(term.Weight),10}  {value,12}  {Number(term.Weighted),12}");
            }
            w.WriteLine($"  {"total".PadRight(width)}  {"",10}  {"",12}  {Number(result.Total.to_type(TorchSharp.torch.ScalarType.Float64).item<double>()),12}");
        }

        private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
    }
}
