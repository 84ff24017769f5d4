using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;
namespace Distill.Training
{
    /// <summary>A term at one step: its weight at that progress and its unweighted value (NaN when skipped at weight 0).</summary>
    public sealed record TermMetric(string Name, double Weight, double Raw)
    {
        public double Weighted => double.IsNaN(Raw) ? 0 : Weight * Raw;
    }
}
