using System.Collections.Generic;
using Distill.Runtime.Terms;
using Distill.Runtime.Tests.Golden;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>Golden cases of the student/teacher feature terms (inputs StudentEmbedding, TeacherEmbedding).</summary>
public class FeatureGoldenTests
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["student"] = "StudentEmbedding",
        ["teacher"] = "TeacherEmbedding",
    };

    public static IEnumerable<object[]> RkdDistanceCases => GoldenFile.CaseNames("rkd_distance");
    public static IEnumerable<object[]> RkdAngleCases()
    {
        foreach (var c in GoldenFile.Load("rkd_angle").Cases)
            foreach (int chunk in new[] { 0, 1, 3, 1000 })
                yield return [c.Name, chunk];
    }

    public static IEnumerable<object[]> SpCases => GoldenFile.CaseNames("sp");
    public static IEnumerable<object[]> CcCases => GoldenFile.CaseNames("cc");

    [Theory]
    [MemberData(nameof(RkdDistanceCases))]
    public void Rkd_distance_matches_golden(string name) =>
        GoldenAssert.Case(GoldenFile.Load("rkd_distance").Case(name), () => new RkdDistanceTerm(), "rkd.distance", Names);

    [Theory]
    [MemberData(nameof(RkdAngleCases))]
    public void Rkd_angle_matches_golden_for_any_chunk(string name, int chunk) =>
        GoldenAssert.Case(GoldenFile.Load("rkd_angle").Case(name), () => new RkdAngleTerm { Chunk = chunk }, "rkd.angle", Names);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Rkd_angle_value_is_the_same_under_no_grad(int chunk)
    {
        using var scope = NewDisposeScope();
        var c = GoldenFile.Load("rkd_angle").Case("basic");
        var inputs = TermHarness.Inputs(c, Names, ScalarType.Float64);
        using var noGrad = no_grad();
        GoldenAssert.Float64(c.Output("loss"), TermHarness.Run("rkd.angle", new RkdAngleTerm { Chunk = chunk }, inputs, training: false));
    }

    [Theory]
    [MemberData(nameof(SpCases))]
    public void Sp_matches_golden(string name) =>
        GoldenAssert.Case(GoldenFile.Load("sp").Case(name), () => new SpTerm(), "sp", Names);

    [Theory]
    [MemberData(nameof(CcCases))]
    public void Cc_matches_golden(string name)
    {
        var c = GoldenFile.Load("cc").Case(name);
        GoldenAssert.Case(c, () => new CcTerm { Gamma = c.Param("gamma"), POrder = (int)c.Param("p_order") }, "cc", Names);
    }

    [Theory]
    [MemberData(nameof(CcCases))]
    public void Cc_kernels_match_golden(string name)
    {
        using var scope = NewDisposeScope();
        var c = GoldenFile.Load("cc").Case(name);
        double gamma = c.Param("gamma");
        int p = (int)c.Param("p_order");
        foreach (var (input, output) in new[] { ("student", "kernel_student"), ("teacher", "kernel_teacher") })
        {
            var unit = TermMath.L2Normalize(c.Input(input, ScalarType.Float64));
            GoldenAssert.Tensor(c.OutputTensor(output), CcTerm.Kernel(unit, gamma, p), output);
        }
    }
}
