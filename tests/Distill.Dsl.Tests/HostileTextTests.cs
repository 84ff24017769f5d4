using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Distill.Dsl.Binding;
using Distill.Dsl.Parsing;
using Distill.Dsl.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Distill.Dsl.Tests;

/// <summary>
/// Hostile text: the compiler never throws, keeps every span inside the text, stays linear in the text on
/// every shape below (long names, many near-misses, deep nesting, long chains) and recurses no deeper
/// than a 1 MiB stack allows (Windows' default for a thread).
/// </summary>
[Collection(nameof(SerialCollection))]
public class HostileTextTests
{
    private const int OneMiB = 1 << 20;

    /// <summary>Runs <paramref name="work"/> on a fresh thread with a 1 MiB stack; a stack overflow would end the test run.</summary>
    private static T OnOneMiBStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { error = e; }
        }, OneMiB);
        thread.Start();
        thread.Join();
        if (error is not null) throw new InvalidOperationException("the compiler threw on a 1 MiB stack", error);
        return result;
    }

    private static CompileResult Compile(string text) => RecipeCompiler.Compile(text, TestCatalogue.Instance);

    private static string Nested(int depth, string inner) => new string('(', depth) + inner + new string(')', depth);

    /// <summary>200 lets, each wrapping the previous one in <paramref name="parens"/> groups of products.</summary>
    private static string LetTower(int lets, int parens)
    {
        var text = new StringBuilder("let v0 = 2\n");
        for (int i = 1; i < lets; i++)
            text.Append($"let v{i} = ").Append(new StringBuilder().Insert(0, "1 * (", parens)).Append($"v{i - 1}").Append(')', parens).Append('\n');
        return text.Append($"kd(T = v{lets - 1})\n").ToString();
    }

    [Fact]
    public void The_deepest_accepted_recipes_compile_on_a_1_MiB_stack()
    {
        var parens = OnOneMiBStack(() => Compile("ce + " + Nested(RecipeParser.MaxNesting, "kd")));
        Assert.False(parens.HasErrors, string.Join("\n", parens.Diagnostics));
        var lets = OnOneMiBStack(() => Compile(LetTower(lets: 200, parens: 1)));
        Assert.False(lets.HasErrors, string.Join("\n", lets.Diagnostics));
    }

    [Theory]
    [InlineData(200, 30)]
    [InlineData(12, 99)]
    public void Lets_times_parentheses_stop_at_the_binding_depth_with_one_error_on_a_1_MiB_stack(int lets, int parens)
    {
        // ~200 lets × 30 parentheses once overflowed a 1 MiB stack; now binding stops at MaxBindDepth levels.
        var result = OnOneMiBStack(() => Compile(LetTower(lets, parens)));
        var deep = Assert.Single(result.Diagnostics, d => d.Id == "DST0003");
        Assert.Contains(Binder.MaxBindDepth.ToString(System.Globalization.CultureInfo.InvariantCulture), deep.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parentheses_past_the_limit_are_one_error_on_a_1_MiB_stack()
    {
        var result = OnOneMiBStack(() => Compile("ce + " + Nested(100_000, "kd")));
        Assert.Equal("DST0003", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void The_banded_edit_distance_agrees_with_the_full_one_up_to_its_bound()
    {
        static int Full(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (int j = 0; j <= b.Length; j++) d[0, j] = j;
            for (int i = 1; i <= a.Length; i++)
                for (int j = 1; j <= b.Length; j++)
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            return d[a.Length, b.Length];
        }
        var word = from length in Gen.Choose(0, 9)
                   from chars in Gen.ListOf(Gen.Elements('a', 'b', 'c'), length)
                   select string.Concat(chars);
        Prop.ForAll(Arb.From(Gen.Zip(word, word)), Arb.From(Gen.Choose(0, 4)), (pair, max) =>
        {
            int full = Full(pair.Item1, pair.Item2), banded = Suggestions.Distance(pair.Item1, pair.Item2, max);
            return full <= max ? banded == full : banded > max;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Suggestions_still_find_near_misses()
    {
        Assert.Contains("did you mean 'kd'?", Assert.Single(Compile("kdd").Diagnostics).Message, StringComparison.Ordinal);
        var typo = Compile("let temperature = 4\nkd(T = temperatur)");
        Assert.Contains(typo.Diagnostics, d => d.Message.Contains("did you mean 'temperature'?", StringComparison.Ordinal));
    }

    // ---- The fuzz property: no throw, spans inside the text, linear time. ----

    /// <summary>How a unit of text is grown to a size: the shapes that were quadratic or deep before.</summary>
    private static readonly Func<string, int, string>[] Shapes =
    [
        (unit, k) => string.Concat(Enumerable.Repeat(unit, k)),
        (unit, k) => string.Join("\n", Enumerable.Repeat(unit, k)),
        // long names: every identifier grown k times, with one near-miss use of the first let
        (unit, k) => Regex.Replace(unit, "[A-Za-z_]+", m => string.Concat(Enumerable.Repeat(m.Value, k))),
        (unit, k) => $"let {new string('n', 40 * k)} = 1\nkd(T = {new string('n', 40 * k - 1)}m)\n" + unit,
        // many lets and many near-miss uses of them
        (unit, k) => string.Concat(Enumerable.Range(0, 4 * k).Select(i => $"let name{i} = {i}\n"))
            + string.Join(" + ", Enumerable.Range(0, 4 * k).Select(i => $"kd(T = nane{i})")) + "\n" + unit,
        (unit, k) => Nested(Math.Min(k, 150), unit) + " + " + unit,
        (unit, k) => LetTower(Math.Min(2 * k, 250), 3) + unit,
        (unit, k) => "kd(" + string.Join(", ", Enumerable.Repeat("T = 1", 4 * k)) + ") + " + unit,
    ];

    private static Gen<string> Units { get; } = Gen.OneOf(
        SyntaxGenerators.RecipeLikeText().Generator.Select(t => t.Length > 60 ? t.Substring(0, 60) : t),
        SyntaxGenerators.MutatedRecipes().Generator,
        ArbMap.Default.GeneratorFor<string>().Select(t => t ?? ""));

    /// <summary>
    /// The least processor time of three compiles, in ms. Processor time of this process rather than wall time,
    /// because the machine may be shared and loaded; the class runs alone (<see cref="SerialCollection"/>) so
    /// that no other test's work is counted.
    /// </summary>
    private static double BestMilliseconds(string text)
    {
        double best = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (int run = 0; run < 3; run++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            Compile(text);
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - before).TotalMilliseconds);
        }
        return best;
    }

    /// <summary>
    /// For a random unit and shape: the text grown to k and to 16k units both compile safely, and the larger
    /// takes at most 3 × 16 times as long (plus 30 ms for noise on a loaded machine); a quadratic corner
    /// would take 256 times as long.
    /// </summary>
    [Fact]
    public void Hostile_shapes_compile_safely_in_linear_time()
    {
        Compile(LetTower(200, 3));
        var cases = Gen.Zip(Units, Gen.Choose(0, Shapes.Length - 1)).Select(c => (Unit: c.Item1.Length == 0 ? "kd" : c.Item1, Shape: c.Item2));
        Prop.ForAll(Arb.From(cases), c =>
        {
            int k = Math.Max(1, 2000 / (c.Unit.Length + 20));
            string small = Shapes[c.Shape](c.Unit, k), large = Shapes[c.Shape](c.Unit, 16 * k);
            if (!PropertyTests.CompilesSafely(large))
                throw new InvalidOperationException($"shape {c.Shape}: unsafe compile");
            double tSmall = BestMilliseconds(small), tLarge = BestMilliseconds(large);
            if (tLarge > 48 * tSmall * Math.Max(1.0, (double)large.Length / (16 * small.Length)) + 30)
                throw new InvalidOperationException($"shape {c.Shape}: {small.Length} chars in {tSmall:F1} ms, {large.Length} chars in {tLarge:F1} ms");
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(20));
    }

    /// <summary>
    /// No throw and spans inside the text over a mix of generated, mutated, random and grown texts. The count
    /// comes from DISTILL_FUZZ_INPUTS (docs/reliability.md records a run of 1,000,000), else a few seconds' worth;
    /// with DISTILL_FUZZ_REPORT set, the figures so far are written there every 10,000 inputs and at the end.
    /// </summary>
    [Fact]
    public void Fuzzed_text_compiles_safely()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("DISTILL_FUZZ_INPUTS"), out var n) && n > 0 ? n : 2000;
        string? report = Environment.GetEnvironmentVariable("DISTILL_FUZZ_REPORT");
        var grown = from unit in Units
                    from shape in Gen.Choose(0, Shapes.Length - 1)
                    from k in Gen.Choose(1, 4)
                    select Shapes[shape](unit, k);
        var texts = Gen.Frequency((7, Units), (1, grown));
        long inputs = 0, characters = 0, largest = 0;
        double slowest = 0;
        var run = Stopwatch.StartNew();
        void Report(string state) => System.IO.File.WriteAllText(report!,
            $"{state}: inputs {inputs} of {count}, characters {characters}, largest {largest}, "
            + $"slowest {slowest:F1} ms (wall, compile and checks), elapsed {run.Elapsed.TotalSeconds:F0} s, failures 0\n");
        Prop.ForAll(Arb.From(texts), text =>
        {
            var watch = Stopwatch.StartNew();
            bool safe = PropertyTests.CompilesSafely(text);
            slowest = Math.Max(slowest, watch.Elapsed.TotalMilliseconds);
            characters += text.Length;
            largest = Math.Max(largest, text.Length);
            if (++inputs % 10_000 == 0 && report is not null) Report("running");
            return safe;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(count));
        if (report is not null) Report("done");
    }
}

/// <summary>Tests that measure processor time run with no other test in parallel.</summary>
[CollectionDefinition(nameof(SerialCollection), DisableParallelization = true)]
public sealed class SerialCollection;
