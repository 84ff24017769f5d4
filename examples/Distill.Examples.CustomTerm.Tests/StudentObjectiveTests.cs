using Distill.Examples.CustomTerm.Recipes;
using Distill.Runtime;
using Distill.Runtime.Terms;
using Distill.Testing;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static TorchSharp.torch;

namespace Distill.Examples.CustomTerm.Tests;

/// <summary>The class generated from recipes/student.distill adds up the same terms the kit evaluates one by one.</summary>
public class StudentObjectiveTests
{
    [Fact]
    public void Total_is_ce_plus_half_kd_plus_twice_cosine()
    {
        var batches = from n in Gen.Choose(1, 6)
                      from logits in Gens.LogitPair(n, n, 2, 5)
                      from labels in Gens.Labels(n, logits.Columns("StudentLogits"))
                      from s in Gens.Matrix(n, 4)
                      from t in Gens.Matrix(n, 4)
                      select logits.With("Labels", labels).With("StudentEmbedding", s).With("TeacherEmbedding", t);
        foreach (var x in batches.Sample(10))
        {
            double expected = TermProbe.Value(new CeTerm(), x) + 0.5 * TermProbe.Value(new KdTerm { T = 4 }, x)
                              + 2 * TermProbe.Value(new CosineTerm { Eps = 1e-6 }, x);
            using var scope = NewDisposeScope();
            var t = x.ToTensors();
            var inputs = new StudentObjective.Inputs
            {
                StudentLogits = t["StudentLogits"],
                TeacherLogits = t["TeacherLogits"],
                Labels = t["Labels"],
                StudentEmbedding = t["StudentEmbedding"],
                TeacherEmbedding = t["TeacherEmbedding"],
            };
            using var result = new StudentObjective().Compute(inputs, TrainingProgress.Completed);
            Assert.Equal(expected, result.Total.item<double>(), 1e-9);
        }
    }
}
