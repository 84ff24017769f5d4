using System.Collections.Generic;
using Distill.Runtime.Terms;
using Distill.Runtime.Tests.Golden;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>Golden cases of bake and pad.</summary>
public class BakePadGoldenTests
{
    private static readonly Dictionary<string, string> BakeNames = new()
    {
        ["logits"] = "StudentLogits",
        ["features"] = "StudentEmbedding",
    };

    private static readonly Dictionary<string, string> PadNames = new()
    {
        ["student"] = "StudentEmbedding",
        ["teacher"] = "TeacherEmbedding",
        ["log_var"] = "StudentLogVar",
    };

    public static IEnumerable<object[]> BakeCases => GoldenFile.CaseNames("bake");
    public static IEnumerable<object[]> PadCases => GoldenFile.CaseNames("pad");

    [Theory]
    [MemberData(nameof(BakeCases))]
    public void Bake_matches_golden(string name)
    {
        var c = GoldenFile.Load("bake").Case(name);
        GoldenAssert.Case(c, () => new BakeTerm { T = c.Param("T"), Omega = c.Param("omega"), Weight = c.Param("weight") }, "bake", BakeNames);
    }

    [Theory]
    [MemberData(nameof(BakeCases))]
    public void Bake_affinity_and_soft_targets_match_golden(string name)
    {
        using var scope = NewDisposeScope();
        var c = GoldenFile.Load("bake").Case(name);
        var logits = c.Input("logits", ScalarType.Float64);
        var features = c.Input("features", ScalarType.Float64);
        GoldenAssert.Tensor(c.OutputTensor("affinity"), BakeTerm.Affinity(TermMath.L2Normalize(features)), "affinity");
        GoldenAssert.Tensor(c.OutputTensor("soft_targets"), BakeTerm.SoftTargets(logits, features, c.Param("T"), c.Param("omega")), "soft_targets");
    }

    [Theory]
    [MemberData(nameof(PadCases))]
    public void Pad_matches_golden(string name)
    {
        var c = GoldenFile.Load("pad").Case(name);
        var reduction = c.ParamText("reduction") == "sum" ? PadReduction.Sum : PadReduction.Mean;
        GoldenAssert.Case(c, () => new PadTerm { Eps = c.Param("eps"), Reduction = reduction }, "pad", PadNames);
    }
}
