using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;
namespace Distill.Training
{
    /// <summary>
    /// A term at one step: its weight at that progress, its unweighted value (NaN when skipped at weight 0) and, on
    /// the steps that measure it (<see cref="Distiller.GradShareEvery"/>), its share of the gradient: the norm of
    /// the gradient of weight × value on the student's parameters over the sum of every term's such norm (NaN elsewhere).
    /// </summary>
    public sealed record TermMetric(string Name, double Weight, double Raw, double GradShare = double.NaN)
    {
        public double Weighted => double.IsNaN(Raw) ? 0 : Weight * Raw;
    }
}
