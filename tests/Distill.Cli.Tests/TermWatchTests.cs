using Distill.Cli.Runs;
using Distill.Training;
using Spectre.Console;

namespace Distill.Cli.Tests;

public sealed class TermWatchTests
{
    private static StepMetrics Step(long step, double kdRaw, double kdShare, double spRaw, double spShare, double offWeight = 0) =>
        new(0, step, 1, 0.1, [new TermMetric("ce", 1, 1.0 / step, 1 - kdShare - spShare), new TermMetric("kd", 0.9, kdRaw, kdShare),
                              new TermMetric("sp", 1000, spRaw, spShare), new TermMetric("off", offWeight, offWeight == 0 ? double.NaN : 0.5)]);

    [Fact]
    public void Warns_once_for_a_constant_term_and_for_one_under_one_percent_naming_each_with_its_weight()
    {
        var output = new StringWriter();
        var watch = new TermWatch(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No }));
        watch.OnStart(null!, 3);
        watch.OnStep(Step(1, 0.5, double.NaN, 0.002, double.NaN));
        watch.OnStep(Step(2, 0.5, double.NaN, 0.003, double.NaN));
        watch.OnStep(Step(3, 0.5, 0.2, 0.001, 0.004));
        watch.OnEpoch(new EpochMetrics(1, 1, 0.5, 1));
        for (int i = 4; i <= 6; i++) watch.OnStep(Step(i, 0.5, double.NaN, 0.001, 0.002));
        watch.OnEpoch(new EpochMetrics(2, 1, 0.5, 2));

        Assert.Equal(2, watch.Warnings.Count);
        Assert.StartsWith("warning: term 'kd' (weight 0.9) is doing nothing: its value stayed 0.5 for all of epoch 1", watch.Warnings[0]);
        Assert.StartsWith("warning: term 'sp' (weight 1000) is doing nothing: it gave under 1 % of the gradient on the student for all of epoch 1 (0.40 %)", watch.Warnings[1]);
        Assert.DoesNotContain("'ce'", output.ToString());
        Assert.DoesNotContain("'off'", output.ToString());
    }
}
