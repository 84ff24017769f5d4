using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime;
using Distill.Runtime.Terms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Distill.Testing.Tests.Cases;
using static TorchSharp.torch;

namespace Distill.Testing.Tests.Terms;

public class SskdProperties
{
    private const string SL = "StudentRotatedLogits", TL = "TeacherRotatedLogits";
    private const string SP = "StudentRotatedProjection", TP = "TeacherRotatedProjection";

    private static Gen<TermInputs> BatchOf(Func<int, int, Gen<double[,]>> logits) =>
        from b in Gen.Choose(1, 3)
        from c in Gen.Choose(2, 5)
        from d in Gen.Choose(1, 4)
        from sl in logits(4 * b, c)
        from tl in logits(4 * b, c)
        from sp in Gens.Matrix(4 * b, d)
        from tp in Gens.Matrix(4 * b, d)
        from y in Gens.Labels(b, c)
        select TermInputs.Empty.With(SL, sl).With(TL, tl).With(SP, sp).With(TP, tp).With("Labels", y);

    private static readonly Gen<TermInputs> Batch = BatchOf(Gens.Logits);

    /// <summary>The filter keeps every rank-0 row plus the ⌊wrong·ratio⌋ best-ranked others (stable by row), in ascending order.</summary>
    [Property(MaxTest = 80)]
    public Property Filter_keeps_every_correctly_ranked_row_and_the_best_of_the_rest() =>
        Prop.ForAll((from n in Gen.Choose(1, 12) from rank in Gen.ArrayOf(Gen.Choose(0, 4).Select(r => (long)r), n)
                     from ratio in Gen.Choose(0, 100).Select(k => k / 100.0) select (rank, ratio)).ToArbitrary(), c =>
        {
            long[] kept;
            using (var scope = NewDisposeScope())
                kept = SskdTerm.Keep(tensor(c.rank), c.ratio).data<long>().ToArray();
            int correct = c.rank.Count(r => r == 0);
            int expectedCount = correct + (int)Math.Floor((c.rank.Length - correct) * c.ratio);
            var expected = Enumerable.Range(0, c.rank.Length).OrderBy(i => c.rank[i]).Take(expectedCount).Select(i => (long)i).Order();
            bool keepsCorrect = Enumerable.Range(0, c.rank.Length).Where(i => c.rank[i] == 0).All(i => kept.Contains(i));
            return Prop.Label(keepsCorrect && kept.SequenceEqual(expected),
                $"ranks [{string.Join(", ", c.rank)}], ratio {c.ratio}: kept [{string.Join(", ", kept)}], expected [{string.Join(", ", expected)}]");
        });

    [Property(MaxTest = 30)]
    public Property Kept_rows_depend_only_on_the_teacher_and_labels() =>
        Prop.ForAll((from x in Batch from sl in Gens.Logits(x.Rows(SL), x.Columns(SL)) from sp in Gens.Matrix(x.Rows(SP), x.Columns(SP))
                     select (x, other: x.With(SL, sl).With(SP, sp))).ToArbitrary(), c =>
        {
            var (tf, ss) = Kept(c.x);
            var (tf2, ss2) = Kept(c.other);
            return Prop.Label(tf.SequenceEqual(tf2) && ss.SequenceEqual(ss2), $"kept tf [{string.Join(", ", tf)}] vs [{string.Join(", ", tf2)}], ss [{string.Join(", ", ss)}] vs [{string.Join(", ", ss2)}]");
        });

    [Property(MaxTest = 20)]
    public Property Ratio_one_keeps_all_augmented_rows() =>
        Prop.ForAll(Batch.ToArbitrary(), x =>
        {
            var (tf, ss) = Kept(x, ratio: 1);
            int augmented = x.Rows(SL) / 4 * 3;
            return Prop.Label(tf.Length == augmented && ss.Length == augmented, $"kept {tf.Length} and {ss.Length} of {augmented}");
        });

    [Property(MaxTest = 30)]
    public Property Is_zero_with_zero_gradient_when_the_student_matches_the_teacher() =>
        Prop.ForAll(Batch.ToArbitrary(), x => Laws.ZeroAt(new SskdTerm(), x.With(SL, x.Matrix(TL)).With(SP, x.Matrix(TP))));

    [Property(MaxTest = 30)]
    public Property Is_non_negative() =>
        Prop.ForAll(Batch.ToArbitrary(), x => Laws.NonNegative(new SskdTerm(), x));

    [Property(MaxTest = 30)]
    public Property Gradient_matches_finite_differences() =>
        Prop.ForAll(WithSeed(BatchOf((n, c) => Gens.Matrix(n, c, 5))), c => Laws.MatchesFiniteDifferences(new SskdTerm(), c.x, c.seed));

    [Property(MaxTest = 40)]
    public Property Is_finite_on_degenerate_batches() =>
        Prop.ForAll(Gen.OneOf(Batch, Gens.Degenerate(Batch, SP, TP), Gens.WithDuplicateRow(Batch, SL, TL)).ToArbitrary(),
            x => Laws.FiniteGradients(new SskdTerm(), x));

    private static (long[] Tf, long[] Ss) Kept(TermInputs x, double ratio = 0.5)
    {
        using var scope = NewDisposeScope();
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            [SL] = Tensors.From(x.Matrix(SL)), [TL] = Tensors.From(x.Matrix(TL)),
            [SP] = Tensors.From(x.Matrix(SP)), [TP] = Tensors.From(x.Matrix(TP)),
            ["Labels"] = tensor(x.Indices("Labels")),
        };
        var parts = new SskdTerm { TopK = ratio, TfTopK = ratio }.Parts(new TermContext(inputs, training: false, CPU));
        return (parts.KeepTf.data<long>().ToArray(), parts.KeepSs.data<long>().ToArray());
    }

    [Property(MaxTest = 30)]
    /// <summary>Both ratios at 0 (only rank-0 rows kept, possibly none), ½ and 1; a part weighted 0.</summary>
    public Property Stays_connected_to_the_student_for_every_valid_parameter() =>
        Prop.ForAll((from x in Batch from r in Gen.Elements(0.0, 0.5, 1.0) from w in Gen.Elements(0.0, 1.0) select (x, r, w)).ToArbitrary(),
            c => Laws.ConnectedToStudent(new SskdTerm { TopK = c.r, TfTopK = c.r, TfWeight = c.w }, c.x));
}
