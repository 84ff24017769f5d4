using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Threading;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// Alone: the runtime's finaliser events are process-wide, so no other test may run meanwhile. One listener serves
/// the whole collection: every EventListener on the runtime's events shares one EventPipe session, which the runtime
/// stops and restarts (asynchronously since .NET 8) each time a listener comes or goes, dropping events meanwhile
/// (dotnet/runtime#90052). A listener per test once saw no event at all in 10 s on a loaded CI machine.
/// </summary>
[CollectionDefinition(nameof(FinaliserCollection), DisableParallelization = true)]
public sealed class FinaliserCollection : ICollectionFixture<FinalisedObjects>;

/// <summary>Counts the runtime's FinalizeObject events for objects of the watched types.</summary>
public sealed class FinalisedObjects : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private static readonly ulong ScalarType = (ulong)(long)typeof(Scalar).TypeHandle.Value;
    private static readonly ulong TensorType = (ulong)(long)typeof(Tensor).TypeHandle.Value;
    private int _scalars, _tensors, _sentinels, _events;

    public int Scalars => Volatile.Read(ref _scalars);
    public int Tensors => Volatile.Read(ref _tensors);
    public int Sentinels => Volatile.Read(ref _sentinels);
    public int Events => Volatile.Read(ref _events);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("FinalizeObject", StringComparison.Ordinal) || e.Payload is not { Count: > 0 } payload) return;
        Interlocked.Increment(ref _events);
        // The TypeID (the object's method table) arrives boxed as IntPtr.
        ulong type = payload[0] switch { IntPtr p => (ulong)(long)p, UIntPtr u => (ulong)u, var other => Convert.ToUInt64(other) };
        if (type == ScalarType) Interlocked.Increment(ref _scalars);
        else if (type == TensorType) Interlocked.Increment(ref _tensors);
        else if (type == Sentinel.Type) Interlocked.Increment(ref _sentinels);
    }

    /// <summary>Finalised on purpose to mark a point in the event stream: one finaliser thread runs them in order.</summary>
    private sealed class Sentinel
    {
        public static readonly ulong Type = (ulong)(long)typeof(Sentinel).TypeHandle.Value;
        ~Sentinel() { }
    }

    private static void LeaveSentinel() => _ = new Sentinel();

    /// <summary>
    /// Leaves a sentinel to the finaliser and waits until its event arrives: then every earlier finalisation's has.
    /// The first call may wait for the session to start: up to 60 s.
    /// </summary>
    public void Mark()
    {
        int seen = Sentinels;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Sentinels == seen && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            LeaveSentinel();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(50);
        }
        Assert.True(Sentinels > seen, $"no sentinel's FinalizeObject event arrived in {clock.Elapsed.TotalSeconds:F0} s ({Events} events in all)");
    }
}

/// <summary>
/// A training step leaves no <see cref="Scalar"/> and no <see cref="Tensor"/> to the finaliser. TorchSharp frees the
/// native half of a number turned into a Scalar (x * 2.0, and the alpha of a + b) only in its finaliser, and a step
/// allocates so little managed memory that collections are rare; meanwhile glibc carves those small blocks out of
/// the step's freed buffers, which then no longer fit the next step's (measured: bake at N = 256, RSS +0.45 MB a
/// step; docs/performance.md). The runtime's FinalizeObject events name each finalised object's type; 300 steps,
/// then a collection, must finalise none of either type.
/// </summary>
[Collection(nameof(FinaliserCollection))]
public class FinaliserTests(FinalisedObjects listener, ITestOutputHelper output)
{
    private const int Steps = 300;

    /// <summary>Scalars and Tensors finalised after <paramref name="steps"/>, whose garbage the collections at the end find.</summary>
    private (int Scalars, int Tensors, int Events) Finalised(Action steps)
    {
        listener.Mark(); // the listener's session is live, and earlier garbage is gone
        int scalars = listener.Scalars, tensors = listener.Tensors, events = listener.Events;
        steps();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        listener.Mark();
        return (listener.Scalars - scalars, listener.Tensors - tensors, listener.Events - events);
    }

    /// <summary>Every term, and the tensor-graph form of those with a fused CPU pass ("/graph": what other devices run).</summary>
    public static IEnumerable<object[]> Terms()
    {
        foreach (var row in DisposalTests.Terms) yield return row;
        foreach (var name in new[] { "ce", "kd", "sskd", "rkd.distance", "sp", "cc", "seed", "bake" }) yield return [name + "/graph"];
    }

    private static (LossTerm Term, Dictionary<string, Tensor> Inputs) Make(string name)
    {
        if (!name.EndsWith("/graph", StringComparison.Ordinal)) return DisposalTests.Make(name);
        var (term, inputs) = DisposalTests.Make(name[..^"/graph".Length]);
        var fused = term.GetType().GetProperty("Fused", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{term.GetType().Name} has no Fused switch");
        fused.SetValue(term, false);
        return (term, inputs);
    }

    [Theory]
    [MemberData(nameof(Terms))]
    public void A_training_step_leaves_no_scalar_or_tensor_to_the_finaliser(string name)
    {
        var (term, inputs) = Make(name);
        for (int step = 0; step < 20; step++) TermHarness.Run(name, term, inputs);
        var (scalars, tensors, events) = Finalised(() =>
        {
            for (int step = 0; step < Steps; step++) TermHarness.Run(name, term, inputs);
        });
        output.WriteLine($"{name}: {scalars} Scalars and {tensors} Tensors finalised after {Steps} steps ({events} objects in all)");
        Assert.Equal(0, scalars);
        Assert.Equal(0, tensors);
        foreach (var t in inputs.Values) t.Dispose();
    }

    [Fact]
    public void The_weighted_sum_of_terms_leaves_no_scalar_to_the_finaliser()
    {
        manual_seed(3);
        var inputs = new Dictionary<string, Tensor>
        {
            ["StudentLogits"] = randn(8, 5).requires_grad_(true),
            ["TeacherLogits"] = randn(8, 5),
            ["Labels"] = randint(0, 5, [8]),
        };
        var harness = new TermHarness([new WeightedTerm("ce", new Terms.CeTerm(), 0.5), new WeightedTerm("kd", new Terms.KdTerm(), 2.0)], inputs.Keys);
        void Step()
        {
            using var result = harness.Compute(inputs);
            result.Total.backward();
        }
        for (int step = 0; step < 20; step++) Step();
        var (scalars, tensors, events) = Finalised(() =>
        {
            for (int step = 0; step < Steps; step++) Step();
        });
        output.WriteLine($"0.5*ce + 2*kd: {scalars} Scalars and {tensors} Tensors finalised after {Steps} steps ({events} objects in all)");
        Assert.Equal(0, scalars);
        Assert.Equal(0, tensors);
        foreach (var t in inputs.Values) t.Dispose();
    }
}
