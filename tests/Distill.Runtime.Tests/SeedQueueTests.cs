using System.Collections.Generic;
using System.Linq;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

public class SeedQueueTests
{
    private static Dictionary<string, Tensor> Batch(int seed, int n = 4, int d = 3)
    {
        manual_seed(seed);
        return new() { ["StudentEmbedding"] = randn(n, d).requires_grad_(true), ["TeacherEmbedding"] = randn(n, d) };
    }

    private static double[] Rows(SeedTerm term) => term.QueueRows!.to_type(ScalarType.Float64).data<double>().ToArray();

    [Fact]
    public void Queue_starts_as_the_same_unit_rows_for_every_new_term()
    {
        using var scope = NewDisposeScope();
        var a = new SeedTerm { Queue = 8 };
        var b = new SeedTerm { Queue = 8 };
        TermHarness.Run("seed", a, Batch(1), training: false);
        TermHarness.Run("seed", b, Batch(2), training: false);
        Assert.Equal(Rows(a), Rows(b));
        var norms = linalg.vector_norm(a.QueueRows!, 2, [1]).to_type(ScalarType.Float64).data<double>().ToArray();
        Assert.All(norms, x => Assert.Equal(1.0, x, 6));
    }

    [Fact]
    public void Evaluation_mode_leaves_the_queue_alone()
    {
        using var scope = NewDisposeScope();
        var term = new SeedTerm { Queue = 8 };
        TermHarness.Run("seed", term, Batch(1), training: false);
        var before = Rows(term);
        TermHarness.Run("seed", term, Batch(2), training: false);
        Assert.Equal(before, Rows(term));
        Assert.Equal(0, term.QueuePointer);
    }

    [Fact]
    public void Each_training_call_enqueues_the_batch_once_and_wraps_around()
    {
        using var scope = NewDisposeScope();
        var term = new SeedTerm { Queue = 8 };
        var first = Batch(1);
        TermHarness.Run("seed", term, first);
        Assert.Equal(4, term.QueuePointer);
        var expected = TermMath.L2Normalize(first["TeacherEmbedding"]).data<float>().ToArray();
        Assert.Equal(expected, term.QueueRows!.narrow(0, 0, 4).data<float>().ToArray());
        TermHarness.Run("seed", term, Batch(2));
        Assert.Equal(0, term.QueuePointer);
        Assert.Equal(expected, term.QueueRows!.narrow(0, 0, 4).data<float>().ToArray());
    }

    [Fact]
    public void The_loss_uses_the_queue_from_before_the_update()
    {
        using var scope = NewDisposeScope();
        var training = new SeedTerm { Queue = 8 };
        var evaluation = new SeedTerm { Queue = 8 };
        var batch = Batch(3);
        double trained = TermHarness.Run("seed", training, batch);
        double evaluated = TermHarness.Run("seed", evaluation, batch, training: false);
        Assert.Equal(evaluated, trained);
    }

    [Fact]
    public void State_round_trips_through_a_checkpoint()
    {
        using var scope = NewDisposeScope();
        var term = new SeedTerm { Queue = 8 };
        TermHarness.Run("seed", term, Batch(1));
        var state = term.State.ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var restored = new SeedTerm { Queue = 8 };
        restored.LoadState(state, CPU);
        Assert.Equal(term.QueuePointer, restored.QueuePointer);
        Assert.Equal(Rows(term), Rows(restored));
        var batch = Batch(2);
        Assert.Equal(TermHarness.Run("seed", term, batch, training: false), TermHarness.Run("seed", restored, batch, training: false));
    }
}
