using System.Collections.Generic;
using Distill.Runtime.Terms;
using Distill.Runtime.Tests.Golden;

namespace Distill.Runtime.Tests;

public class CeGoldenTests
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["logits"] = "StudentLogits",
        ["targets"] = "Labels",
    };

    public static IEnumerable<object[]> Cases => GoldenFile.CaseNames("ce");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_golden_loss_and_gradient(string name)
    {
        var c = GoldenFile.Load("ce").Case(name);
        GoldenAssert.Case(c, () => new CeTerm { LabelSmoothing = c.Param("label_smoothing") }, "ce", Names);
    }
}
