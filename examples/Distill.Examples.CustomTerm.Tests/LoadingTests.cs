using System.IO;
using System.Runtime.CompilerServices;
using Distill.Examples.CustomTerm.Recipes;
using Distill.Runtime;
using Distill.Testing;
using FsCheck.Fluent;
using Xunit;

namespace Distill.Examples.CustomTerm.Tests;

/// <summary>
/// Loading recipes/student.distill at run time: the built-in catalogue does not know the user's
/// term, so Objective.Load reports it at its position; with the user's assembly it loads and gives
/// the generated class's numbers.
/// </summary>
public class LoadingTests
{
    private static string Recipe([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "Distill.Examples.CustomTerm", "recipes", "student.distill");

    [Fact]
    public void Load_without_the_user_assembly_fails_at_the_term_s_position()
    {
        var error = Assert.Throws<RecipeException>(() => Objective.Load(Recipe()));
        Assert.Contains(error.FormattedDiagnostics, d => d.Contains("student.distill(3,28): error DST0304: schedule 'cosine' is not a loss"));
    }

    [Fact]
    public void Load_with_the_user_assembly_gives_the_generated_objective_s_numbers()
    {
        var objective = Objective.Load(Recipe(), catalogue: RuntimeCatalogue.FromAssemblies(typeof(CosineTerm).Assembly));
        var batch = Gens.FeaturePair(minRows: 3, maxRows: 3, maxDim: 4, sameDim: true).Sample(1)[0];
        var logits = Gens.LogitPair(3, 3, 5, 5).Sample(1)[0];
        var x = logits.With("Labels", new long[] { 0, 4, 2 })
                      .With("StudentEmbedding", batch.Matrix("StudentEmbedding"))
                      .With("TeacherEmbedding", batch.Matrix("TeacherEmbedding"));
        var t = x.ToTensors();
        using var loaded = objective.Compute(t, TrainingProgress.Completed);
        using var generated = new StudentObjective().Compute(new StudentObjective.Inputs
        {
            StudentLogits = t["StudentLogits"], TeacherLogits = t["TeacherLogits"], Labels = t["Labels"],
            StudentEmbedding = t["StudentEmbedding"], TeacherEmbedding = t["TeacherEmbedding"],
        }, TrainingProgress.Completed);
        Assert.Equal(generated.Total.item<double>(), loaded.Total.item<double>(), 12);
    }
}
