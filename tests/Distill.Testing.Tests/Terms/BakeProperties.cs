using Distill.Runtime.Terms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static TorchSharp.torch;

namespace Distill.Testing.Tests.Terms;

public class BakeProperties
{
    private const string Z = "StudentLogits";
    private const string F = "StudentEmbedding";

    private static readonly Gen<TermInputs> Batch = BatchOf(Gen.Choose(1, 8));

    private static Gen<TermInputs> BatchOf(Gen<int> rows) =>
        from n in rows
        from c in Gen.Choose(1, 6)
        from d in Gen.Choose(1, 5)
        from z in Gens.Logits(n, c)
        from f in Gens.Matrix(n, d)
        select TermInputs.Empty.With(Z, z).With(F, f);

    private static readonly Gen<TermInputs> Degenerate = Gen.OneOf(Batch, Gens.Degenerate(Batch, F));

    private static readonly Gen<double> Omega = Gen.Choose(0, 95).Select(k => k / 100.0);

    [Property(MaxTest = 60)]
    public Property Soft_targets_are_non_negative_with_rows_summing_to_one() =>
        Prop.ForAll((from x in Degenerate from omega in Omega select (x, omega)).ToArbitrary(), c =>
            Laws.RowStochastic(Targets(c.x, 4, c.omega)));

    [Property(MaxTest = 30)]
    public Property Omega_zero_gives_zero_loss_and_gradient() =>
        Prop.ForAll(Batch.ToArbitrary(), x => Laws.ZeroAt(new BakeTerm { Omega = 0 }, x));

    [Property(MaxTest = 30)]
    public Property A_single_row_gives_zero_loss() =>
        Prop.ForAll((from x in BatchOf(Gen.Constant(1)) from omega in Omega select (x, omega)).ToArbitrary(),
            c => Laws.ZeroAt(new BakeTerm { Omega = c.omega }, c.x));

    [Property(MaxTest = 30)]
    public Property Is_non_negative() =>
        Prop.ForAll((from x in Degenerate from omega in Omega select (x, omega)).ToArbitrary(),
            c => Laws.NonNegative(new BakeTerm { Omega = c.omega }, c.x));

    /// <summary>
    /// BAKE's targets are constants (built under no_grad from the detached logits), so its gradient is that
    /// of KL(Q ‖ softmax(z/T)) at fixed Q: λ(T/N)(softmax(z/T) − Q), not the finite difference of the value.
    /// </summary>
    [Property(MaxTest = 30)]
    public Property Gradient_is_the_frozen_target_kl_gradient() =>
        Prop.ForAll((from x in Batch from omega in Omega select (x, omega)).ToArbitrary(), c =>
        {
            var q = Targets(c.x, 4, c.omega);
            var p = Reference.Softmax(c.x.Matrix(Z), 4);
            double n = p.GetLength(0), weight = 0.5;
            for (int i = 0; i < p.GetLength(0); i++)
                for (int j = 0; j < p.GetLength(1); j++) p[i, j] = weight * 4 / n * (p[i, j] - q[i, j]);
            return Laws.GradientEquals(new BakeTerm { Omega = c.omega, Weight = weight }, c.x, Z, p);
        });

    [Property(MaxTest = 30)]
    public Property Invariant_under_orthogonal_maps_and_per_row_scaling_of_the_features() =>
        Prop.ForAll((from x in Batch from q in Gens.Orthogonal(x.Columns(F)) from s in Gen.ArrayOf(Gens.Positive(0.1, 10), x.Rows(F))
                     select (x, q, s)).ToArbitrary(), c => LawResult.All("features",
            Laws.RotationInvariant(new BakeTerm(), c.x, F, c.q),
            Laws.RowScaleInvariant(new BakeTerm(), c.x, F, c.s)));

    [Property(MaxTest = 30)]
    public Property Invariant_under_a_joint_batch_permutation() =>
        Prop.ForAll((from x in Batch from p in Gens.Permutation(x.Rows(Z)) select (x, p)).ToArbitrary(),
            c => Laws.RowPermutationInvariant(new BakeTerm(), c.x, c.p, Z, F));

    [Property(MaxTest = 60)]
    public Property Is_finite_on_degenerate_batches() =>
        Prop.ForAll(Degenerate.ToArbitrary(), x => Laws.FiniteGradients(new BakeTerm(), x));

    private static double[,] Targets(TermInputs x, double temperature, double omega)
    {
        using var scope = NewDisposeScope();
        return Tensors.ToArray(BakeTerm.SoftTargets(Tensors.From(x.Matrix(Z)), Tensors.From(x.Matrix(F)), temperature, omega));
    }

    [Property(MaxTest = 30)]
    /// <summary>ω = 0 (Q = P, loss 0), weight 0, and the features alone requiring grad (used as constants).</summary>
    public Property Stays_connected_to_the_student_for_every_valid_parameter() =>
        Prop.ForAll((from x in Batch from o in Gen.Elements(0.0, 0.5, 0.95) from w in Gen.Elements(0.0, 1.0) select (x, o, w)).ToArbitrary(),
            c => Laws.ConnectedToStudent(new BakeTerm { Omega = c.o, Weight = c.w }, c.x));
}
