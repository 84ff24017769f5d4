using System.Collections.Generic;
using Distill.Runtime.Terms;
using Distill.Runtime.Tests.Golden;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

public class SskdGoldenTests
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["student_logits"] = "StudentRotatedLogits",
        ["teacher_logits"] = "TeacherRotatedLogits",
        ["student_ss"] = "StudentRotatedProjection",
        ["teacher_ss"] = "TeacherRotatedProjection",
        ["targets"] = "Labels",
    };

    public static IEnumerable<object[]> Cases => GoldenFile.CaseNames("sskd");

    private static SskdTerm Term(GoldenCase c) => new()
    {
        TopK = c.Param("ratio_ss"),
        T = c.Param("ss_T"),
        TfTopK = c.Param("ratio_tf"),
        TfT = c.Param("tf_T"),
        TfWeight = c.Param("tf_weight"),
        SsWeight = c.Param("ss_weight"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_golden_loss_and_gradients(string name)
    {
        var c = GoldenFile.Load("sskd").Case(name);
        GoldenAssert.Case(c, () => Term(c), "sskd", Names);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parts_and_kept_rows_match_golden(string name)
    {
        using var scope = NewDisposeScope();
        var c = GoldenFile.Load("sskd").Case(name);
        var context = new TermContext(TermHarness.Inputs(c, Names, ScalarType.Float64), training: true, CPU);
        var parts = Term(c).Parts(context);
        GoldenAssert.Float64(c.Output("loss_tf"), parts.Tf.item<double>(), "loss_tf");
        GoldenAssert.Float64(c.Output("loss_ss"), parts.Ss.item<double>(), "loss_ss");
        Assert.Equal(c.OutputTensor("keep_tf").to_type(ScalarType.Int64).data<long>().ToArray(), parts.KeepTf.data<long>().ToArray());
        Assert.Equal(c.OutputTensor("keep_ss").to_type(ScalarType.Int64).data<long>().ToArray(), parts.KeepSs.data<long>().ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Official_total_is_ce_plus_kd_on_normal_rows_plus_sskd(string name)
    {
        using var scope = NewDisposeScope();
        var c = GoldenFile.Load("sskd").Case(name);
        var inputs = TermHarness.Inputs(c, Names, ScalarType.Float64);
        inputs["StudentLogits"] = SskdBatch.NormalRows(inputs["StudentRotatedLogits"]);
        inputs["TeacherLogits"] = SskdBatch.NormalRows(inputs["TeacherRotatedLogits"]);
        var harness = new TermHarness(
        [
            new WeightedTerm("ce", new CeTerm(), c.Param("ce_weight")),
            new WeightedTerm("kd", new KdTerm { T = c.Param("kd_T") }, c.Param("kd_weight")),
            new WeightedTerm("sskd", Term(c), 1.0),
        ], inputs.Keys);
        using var result = harness.Compute(inputs);
        GoldenAssert.Float64(c.Output("loss_total"), result.Total.item<double>(), "loss_total");
        GoldenAssert.Float64(c.Output("loss_ce"), result.Terms[0].Raw, "loss_ce");
        GoldenAssert.Float64(c.Output("loss_kd"), result.Terms[1].Raw, "loss_kd");
    }
}
