using System.Collections.Generic;
using Distill.Runtime.Terms;
using Distill.Runtime.Tests.Golden;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

public class SeedGoldenTests
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["student_emb"] = "StudentEmbedding",
        ["teacher_emb"] = "TeacherEmbedding",
    };

    public static IEnumerable<object[]> Cases => GoldenFile.CaseNames("seed");

    /// <summary>A seed term whose queue and pointer are the case's (loaded as checkpoint state).</summary>
    public static SeedTerm Term(GoldenCase c)
    {
        var queue = c.Input("queue", ScalarType.Float64);
        var term = new SeedTerm { StudentTemp = c.Param("student_temp"), TeacherTemp = c.Param("teacher_temp"), Queue = (int)queue.shape[0] };
        term.LoadState(new Dictionary<string, Tensor> { ["queue"] = queue, ["queue_ptr"] = c.Input("queue_ptr", ScalarType.Float64) }, CPU);
        return term;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_golden_loss_and_gradient(string name)
    {
        var c = GoldenFile.Load("seed").Case(name);
        GoldenAssert.Case(c, () => Term(c), "seed", Names);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Training_step_enqueues_the_normalised_teacher_rows(string name)
    {
        using var scope = NewDisposeScope();
        var c = GoldenFile.Load("seed").Case(name);
        var term = Term(c);
        long ptr = term.QueuePointer;
        TermHarness.Run("seed", term, TermHarness.Inputs(c, Names, ScalarType.Float64));
        var enqueued = c.OutputTensor("enqueued_rows");
        GoldenAssert.Tensor(enqueued, term.QueueRows!.narrow(0, ptr, enqueued.shape[0]), "enqueued_rows");
        Assert.Equal((long)c.Output("queue_ptr_after"), term.QueuePointer);
    }
}
