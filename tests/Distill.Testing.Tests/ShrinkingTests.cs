using System.Linq;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Distill.Testing.Tests;

/// <summary>A refuted law reports a counterexample shrunk to something a person can read.</summary>
public class ShrinkingTests
{
    private const string S = "StudentLogits";

    [Fact]
    public void A_failing_batch_shrinks_to_the_fewest_rows_and_whole_numbers()
    {
        // Fails for every batch of 3 or more rows, whatever the values: the smallest counterexample
        // has exactly 3 rows of zeros.
        var arbitrary = Gens.Arbitrary(Gens.LogitPair(minRows: 1, maxRows: 8, minClasses: 2, maxClasses: 4), minRows: 1);
        var report = Verify.Refuted(Prop.ForAll(arbitrary, x => x.Rows(S) < 3), maxTest: 200);
        Assert.Matches(@"\([1-9][0-9]* shrinks?\)", report);
        var shrunk = Shrunk(report);
        Assert.Equal(3, Regex.Matches(Line(shrunk, S), @"\[[^\[\]]*\]").Count);
        Assert.DoesNotContain(".", shrunk);
        Assert.Matches(@"StudentLogits = \[\[0, 0(, 0)*\], \[0, 0", shrunk);
    }

    [Fact]
    public void Shrinking_keeps_shapes_other_than_rows_and_never_goes_below_min_rows()
    {
        var x = Gens.FeaturePair(minRows: 4, maxRows: 4, maxDim: 3).Sample(1).Single();
        foreach (var candidate in Gens.Shrink(x, minRows: 3))
        {
            Assert.InRange(candidate.Rows("StudentEmbedding"), 3, 4);
            Assert.Equal(x.Columns("StudentEmbedding"), candidate.Columns("StudentEmbedding"));
            Assert.Equal(x.Columns("TeacherEmbedding"), candidate.Columns("TeacherEmbedding"));
            Assert.Equal(candidate.Rows("StudentEmbedding"), candidate.Rows("TeacherEmbedding"));
        }
    }

    /// <summary>The counterexample FsCheck prints after "Shrunk:".</summary>
    internal static string Shrunk(string report)
    {
        int at = report.LastIndexOf("Shrunk:");
        Assert.True(at >= 0, report);
        int end = report.IndexOf("with exception", at);
        return report[at..(end < 0 ? report.Length : end)];
    }

    internal static string Line(string text, string name) =>
        text.Split('\n').First(l => l.TrimStart().StartsWith(name + " = "));
}
