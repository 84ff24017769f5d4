using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

/// <summary>
/// Shared work is computed once per Compute, in loaded objectives and in objectives shaped like the
/// generated ones, and zero-weight terms never run: proved by counting TermContext.Shared calls.
/// </summary>
public class SharedWorkCountTests
{
    /// <summary>
    /// kd: teacher log-probabilities at T=4 (1, host array of its fused pass); sskd: nothing (its fused pass reads the rotated inputs alone);
    /// rkd.distance: teacher and student Gram, both constants for the fused pass (2); sp: both Grams again (2 hits);
    /// cc: teacher and student unit rows and both sides' constant unit Grams (4); seed: both unit rows again
    /// (2 hits); bake: its own softmax and constant unit rows (2).
    /// </summary>
    private const string Composite = "kd(T = 4) + sskd(tf_T = 4) + rkd.distance + sp + cc + seed(queue = 64) + bake(T = 4)";
    private const int CompositeComputations = 9;
    private const int CompositeHits = 4;

    private static Dictionary<string, Tensor> Inputs(params string[] names)
    {
        var g = new Generator(11, CPU);
        Tensor R(params long[] shape) => randn(shape, ScalarType.Float64, generator: g);
        var all = new Dictionary<string, Tensor>
        {
            ["StudentLogits"] = R(8, 5).requires_grad_(true),
            ["TeacherLogits"] = R(8, 5),
            ["Labels"] = randint(0, 5, [8], generator: g),
            ["StudentRotatedLogits"] = R(32, 5).requires_grad_(true),
            ["TeacherRotatedLogits"] = R(32, 5),
            ["StudentRotatedProjection"] = R(32, 6).requires_grad_(true),
            ["TeacherRotatedProjection"] = R(32, 6),
            ["StudentEmbedding"] = R(8, 6).requires_grad_(true),
            ["TeacherEmbedding"] = R(8, 6),
        };
        return names.ToDictionary(n => n, n => all[n]);
    }

    private static Dictionary<string, Tensor> InputsFor(ObjectiveBase objective) => Inputs(objective.RequiredInputs.ToArray());

    [Fact]
    public void A_loaded_composite_computes_each_shared_value_once()
    {
        var objective = Objective.Parse(Composite);
        objective.Training = false;

        using var result = objective.Compute(InputsFor(objective), TrainingProgress.Completed);

        Assert.Equal(CompositeComputations, objective.LastSharedComputations);
        Assert.Equal(CompositeHits, objective.LastSharedHits);
    }

    [Fact]
    public void A_generated_shape_objective_shares_exactly_as_the_loaded_one()
    {
        var loaded = Objective.Parse(Composite);
        var generated = new GeneratedShapeObjective(loaded.Terms.Select(t => t.Term.GetType()).ToArray(), loaded.Terms, loaded.RequiredInputs);
        loaded.Training = generated.Training = false;
        var inputs = InputsFor(loaded);

        using var a = loaded.Compute(inputs, TrainingProgress.Completed);
        using var b = generated.Compute(inputs, TrainingProgress.Completed);

        Assert.Equal(CompositeComputations, generated.LastSharedComputations);
        Assert.Equal(CompositeHits, generated.LastSharedHits);
        Assert.Equal(a.Total.item<double>(), b.Total.item<double>(), 12);
    }

    [Fact]
    public void Training_mode_reuses_the_teacher_rows_for_the_seed_queue_update()
    {
        var objective = Objective.Parse(Composite);

        using var result = objective.Compute(InputsFor(objective), TrainingProgress.Completed);

        Assert.Equal(CompositeComputations, objective.LastSharedComputations);
        Assert.Equal(CompositeHits + 1, objective.LastSharedHits);
    }

    [Fact]
    public void A_zero_weight_term_neither_runs_nor_touches_the_cache()
    {
        var objective = Objective.Parse("rkd.distance + 0 * sp");

        using var result = objective.Compute(InputsFor(objective), TrainingProgress.Completed);

        Assert.Equal(2, objective.LastSharedComputations);
        Assert.Equal(0, objective.LastSharedHits);
        Assert.Null(result.Terms.Single(t => t.Name == "sp").Value);
    }

    [Fact]
    public void A_zero_weight_terms_forward_is_never_called()
    {
        var spy = new CountingTerm(new SpTerm());
        var terms = new List<WeightedTerm> { new("rkd.distance", new RkdDistanceTerm(), 1), new("sp", spy, 0) };
        var objective = new GeneratedShapeObjective(terms, ["StudentEmbedding", "TeacherEmbedding"]);

        for (int i = 0; i < 3; i++)
        {
            using var result = objective.Compute(InputsFor(objective), TrainingProgress.Completed);
        }

        Assert.Equal(0, spy.Calls);
    }

    [Fact]
    public void Shared_teacher_values_carry_no_graph_and_student_values_do()
    {
        var probe = new SharedProbeTerm();
        var terms = new List<WeightedTerm> { new("rkd.distance", new RkdDistanceTerm(), 1), new("cc", new CcTerm(), 1), new("probe", probe, 1) };
        var objective = new GeneratedShapeObjective(terms, ["StudentEmbedding", "TeacherEmbedding"]);

        using var result = objective.Compute(InputsFor(objective), TrainingProgress.Completed);

        // rkd.distance: both constant Grams (2); cc: both unit rows and both unit Grams (4); the probe: the student
        // Gram with its graph (1; the fused terms share only constants), three hits.
        Assert.Equal(7, objective.LastSharedComputations);
        Assert.Equal(3, objective.LastSharedHits);
        Assert.Equal([false, true, false, true], probe.RequiresGrad);
    }

    /// <summary>Wraps a term and counts its Forward calls.</summary>
    private sealed class CountingTerm(LossTerm inner) : LossTerm
    {
        public int Calls { get; private set; }

        public override Tensor Forward(TermContext context)
        {
            Calls++;
            return inner.Forward(context);
        }
    }

    /// <summary>Reads the Gram matrices and unit rows others cached, recording whether each carries autograd.</summary>
    private sealed class SharedProbeTerm : LossTerm
    {
        public List<bool> RequiresGrad { get; } = [];

        public override Tensor Forward(TermContext context)
        {
            var s = context.Input("StudentEmbedding");
            var t = context.Input("TeacherEmbedding");
            RequiresGrad.Clear();
            RequiresGrad.Add(SharedWork.Gram(context, "TeacherEmbedding", t, constant: true).requires_grad);
            RequiresGrad.Add(SharedWork.Gram(context, "StudentEmbedding", s, constant: false).requires_grad);
            RequiresGrad.Add(SharedWork.Normalized(context, "TeacherEmbedding", t, constant: true).requires_grad);
            RequiresGrad.Add(SharedWork.Normalized(context, "StudentEmbedding", s, constant: false).requires_grad);
            return zeros([], s.dtype);
        }
    }

    /// <summary>Shaped like a generated objective: terms built in code, ComputeCore reached through a typed Compute.</summary>
    private sealed class GeneratedShapeObjective : ObjectiveBase
    {
        public GeneratedShapeObjective(IReadOnlyList<WeightedTerm> terms, IReadOnlyList<string> inputs)
            : base("(built in code)", terms, inputs, null)
        {
        }

        public GeneratedShapeObjective(Type[] types, IReadOnlyList<WeightedTerm> like, IReadOnlyList<string> inputs)
            : this(like.Select((t, i) => t with { Term = Copy(types[i], t.Term) }).ToList(), inputs)
        {
        }

        public LossResult Compute(IReadOnlyDictionary<string, Tensor> inputs, TrainingProgress progress) => ComputeCore(inputs, progress);

        private static LossTerm Copy(Type type, LossTerm from)
        {
            var term = (LossTerm)Activator.CreateInstance(type)!;
            foreach (var p in type.GetProperties().Where(p => p.CanWrite && p.GetCustomAttributes(typeof(TermParameterAttribute), true).Length > 0))
                p.SetValue(term, p.GetValue(from));
            return term;
        }
    }
}
