using System.Linq;
using Distill.Training;

namespace Distill.Training.Tests;

public sealed class GradShareTests
{
    [Fact]
    public void Shares_are_measured_at_each_epochs_last_step_sum_to_one_and_leave_the_training_unchanged()
    {
        var measured = Runs.Distil(Runs.Settings);
        var unmeasured = Runs.Distil(Runs.Settings with { GradShareEvery = -1 });

        Assert.Equal(unmeasured.Weights, measured.Weights);
        Assert.Equal(unmeasured.State.Steps.Select(s => s.Total), measured.State.Steps.Select(s => s.Total));
        Assert.All(unmeasured.State.Steps.SelectMany(s => s.Terms), t => Assert.True(double.IsNaN(t.GradShare)));
        var withShares = measured.State.Steps.Where(s => s.Terms.Any(t => double.IsFinite(t.GradShare))).Select(s => s.Step).ToList();
        Assert.Equal(new long[] { 10, 20 }, withShares);
        foreach (var step in measured.State.Steps.Where(s => withShares.Contains(s.Step)))
        {
            Assert.Equal(1.0, step.Terms.Sum(t => t.GradShare), 12);
            // counter is a constant zero: no gradient reaches the student from it.
            Assert.Equal(0.0, step.Terms.Single(t => t.Name == "counter").GradShare);
            Assert.True(step.Terms.Single(t => t.Name == "ce").GradShare > 0.01);
        }
    }

    [Fact]
    public void Every_n_steps_measures_on_those_global_steps()
    {
        var run = Runs.Distil(Runs.Settings with { GradShareEvery = 4 });
        Assert.Equal(new long[] { 4, 8, 12, 16, 20 },
                     run.State.Steps.Where(s => s.Terms.Any(t => double.IsFinite(t.GradShare))).Select(s => s.Step));
    }
}
