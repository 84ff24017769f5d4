using FsCheck;
using FsCheck.Fluent;

namespace Distill.Testing.Tests;

/// <summary>Generated cases shared by the term properties: inputs plus the transform or seed a law needs.</summary>
internal static class Cases
{
    public const string S = "StudentEmbedding";
    public const string T = "TeacherEmbedding";

    /// <summary>Inputs and a seed for finite differences.</summary>
    public static Arbitrary<(TermInputs x, int seed)> WithSeed(Gen<TermInputs> inputs) =>
        (from x in inputs from seed in Gen.Choose(0, 1 << 30) select (x, seed)).ToArbitrary();

    /// <summary>Feature pairs and an orthogonal matrix for each side's width.</summary>
    public static Arbitrary<(TermInputs x, double[,] qs, double[,] qt)> WithRotations(Gen<TermInputs> inputs) =>
        (from x in inputs from qs in Gens.Orthogonal(x.Columns(S)) from qt in Gens.Orthogonal(x.Columns(T)) select (x, qs, qt)).ToArbitrary();

    /// <summary>Feature pairs and a shift vector for each side's width.</summary>
    public static Arbitrary<(TermInputs x, double[] bs, double[] bt)> WithShifts(Gen<TermInputs> inputs) =>
        (from x in inputs from bs in Gens.Vector(x.Columns(S)) from bt in Gens.Vector(x.Columns(T)) select (x, bs, bt)).ToArbitrary();

    /// <summary>Inputs and a positive factor in [0.1, 10].</summary>
    public static Arbitrary<(TermInputs x, double c)> WithFactor(Gen<TermInputs> inputs) =>
        (from x in inputs from c in Gens.Positive(0.1, 10) select (x, c)).ToArbitrary();

    /// <summary>Inputs and positive per-row factors for input <paramref name="name"/>.</summary>
    public static Arbitrary<(TermInputs x, double[] c)> WithRowFactors(Gen<TermInputs> inputs, string name) =>
        (from x in inputs from c in Gen.ArrayOf(Gens.Positive(0.1, 10), x.Rows(name)) select (x, c)).ToArbitrary();
}
