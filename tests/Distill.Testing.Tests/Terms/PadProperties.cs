using System.Linq;
using Distill.Runtime.Terms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Distill.Testing.Tests.Cases;

namespace Distill.Testing.Tests.Terms;

public class PadProperties
{
    private const string V = "StudentLogVar";

    /// <summary>N×D features and a log-variance that is N×D (per dimension) or N×1 (per sample).</summary>
    private static readonly Gen<TermInputs> Batch =
        from n in Gen.Choose(1, 6)
        from d in Gen.Choose(1, 4)
        from perSample in Gen.Elements(true, false)
        from s in Gens.Matrix(n, d)
        from t in Gens.Matrix(n, d)
        from v in Gens.Matrix(n, perSample ? 1 : d, 2)
        select TermInputs.Empty.With(S, s).With(T, t).With(V, v);

    [Property(MaxTest = 30)]
    public Property Student_equal_to_teacher_gives_the_mean_log_variance_and_no_student_gradient() =>
        Prop.ForAll(Batch.ToArbitrary(), x =>
        {
            var same = x.With(S, x.Matrix(T));
            var v = x.Matrix(V);
            return LawResult.All("s = t",
                Laws.ValueEquals(new PadTerm(), same, v.Cast<double>().Average()),
                Laws.GradientEquals(new PadTerm(), same, S, new double[x.Rows(S), x.Columns(S)]));
        });

    [Property(MaxTest = 30)]
    public Property Zero_log_variance_gives_the_mse_over_one_plus_eps() =>
        Prop.ForAll(Batch.ToArbitrary(), x =>
        {
            var zero = x.With(V, new double[x.Rows(V), x.Columns(V)]);
            var s = x.Matrix(S).Cast<double>().ToArray();
            var t = x.Matrix(T).Cast<double>().ToArray();
            double mse = s.Zip(t, (a, b) => (a - b) * (a - b)).Average();
            return Laws.ValueEquals(new PadTerm { Eps = 1e-3 }, zero, mse / (1 + 1e-3));
        });

    [Property(MaxTest = 30)]
    public Property Sum_reduction_is_N_times_the_mean() =>
        Prop.ForAll(Batch.ToArbitrary(), x =>
            Laws.ValueEquals(new PadTerm { Reduction = PadReduction.Sum }, x, x.Rows(S) * TermProbe.Value(new PadTerm(), x)));

    [Property(MaxTest = 30)]
    public Property Gradient_matches_finite_differences() =>
        Prop.ForAll(WithSeed(Batch), c => Laws.MatchesFiniteDifferences(new PadTerm(), c.x, c.seed));

    [Property(MaxTest = 40)]
    public Property Is_finite_on_degenerate_batches() =>
        Prop.ForAll(Gens.Degenerate(Batch, S, T, V).ToArbitrary(), x => Laws.FiniteGradients(new PadTerm(), x));

    [Property(MaxTest = 20)]
    /// <summary>Both reductions.</summary>
    public Property Stays_connected_to_the_student_for_every_valid_parameter() =>
        Prop.ForAll((from x in Batch from r in Gen.Elements(PadReduction.Mean, PadReduction.Sum) select (x, r)).ToArbitrary(),
            c => Laws.ConnectedToStudent(new PadTerm { Reduction = c.r }, c.x));
}
