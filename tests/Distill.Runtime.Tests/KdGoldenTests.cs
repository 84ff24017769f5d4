using System.Collections.Generic;
using Distill.Runtime.Terms;
using Distill.Runtime.Tests.Golden;

namespace Distill.Runtime.Tests;

public class KdGoldenTests
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["student_logits"] = "StudentLogits",
        ["teacher_logits"] = "TeacherLogits",
    };

    public static IEnumerable<object[]> Cases => GoldenFile.CaseNames("kd");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_golden_loss_and_gradient(string name)
    {
        var c = GoldenFile.Load("kd").Case(name);
        GoldenAssert.Case(c, () => new KdTerm { T = c.Param("T") }, "kd", Names);
    }
}
