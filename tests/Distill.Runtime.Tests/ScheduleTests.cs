using System;
using Distill.Runtime.Schedules;

namespace Distill.Runtime.Tests;

public class ScheduleTests
{
    private const int StepsPerEpoch = 100;

    private static TrainingProgress AtEpochs(double epochs) => new((long)Math.Round(epochs * StepsPerEpoch), StepsPerEpoch, 20);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0.25)]
    [InlineData(2, 0.5)]
    [InlineData(4, 1)]
    [InlineData(9, 1)]
    public void Warmup_over_epochs_rises_linearly_then_holds_one(double epochs, double expected) =>
        Assert.Equal(expected, new WarmupSchedule { Epochs = 4 }.Factor(AtEpochs(epochs)), 12);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(50, 0.5)]
    [InlineData(100, 1)]
    [InlineData(5000, 1)]
    public void Warmup_over_steps_counts_optimiser_steps(long step, double expected) =>
        Assert.Equal(expected, new WarmupSchedule { Steps = 100 }.Factor(new TrainingProgress(step, 7, 3)), 12);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 0.5)]
    [InlineData(10, 0)]
    [InlineData(15, 0)]
    public void Linear_defaults_anneal_from_one_to_zero(double epochs, double expected) =>
        Assert.Equal(expected, new LinearSchedule { Epochs = 10 }.Factor(AtEpochs(epochs)), 12);

    [Theory]
    [InlineData(0, 0.2)]
    [InlineData(2, 0.5)]
    [InlineData(4, 0.8)]
    [InlineData(6, 0.8)]
    public void Linear_moves_between_from_and_to(double epochs, double expected) =>
        Assert.Equal(expected, new LinearSchedule { From = 0.2, To = 0.8, Epochs = 4 }.Factor(AtEpochs(epochs)), 12);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2.5, 0.85355339059327373)]
    [InlineData(5, 0.5)]
    [InlineData(7.5, 0.14644660940672627)]
    [InlineData(10, 0)]
    [InlineData(30, 0)]
    public void Cosine_follows_half_a_cosine_then_holds_to(double epochs, double expected) =>
        Assert.Equal(expected, new CosineSchedule { Epochs = 10 }.Factor(AtEpochs(epochs)), 12);

    [Fact]
    public void Cosine_can_rise_from_a_low_start()
    {
        var cosine = new CosineSchedule { From = 0, To = 2, Steps = 10 };

        Assert.Equal((0.0, 1.0, 2.0), (cosine.Factor(new(0, 1, 1)), cosine.Factor(new(5, 1, 1)), cosine.Factor(new(10, 1, 1))));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2.99, 1)]
    [InlineData(3, 0.1)]
    [InlineData(12, 0.1)]
    public void Step_is_one_before_epoch_at_and_factor_from_then_on(double epochs, double expected) =>
        Assert.Equal(expected, new StepSchedule { At = 3, Gamma = 0.1 }.Factor(AtEpochs(epochs)), 12);

    [Fact]
    public void Step_default_factor_switches_a_term_off() =>
        Assert.Equal(0, new StepSchedule { At = 1 }.Factor(AtEpochs(1)));

    [Fact]
    public void A_duration_schedule_without_epochs_or_steps_says_which_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new WarmupSchedule().Factor(AtEpochs(1)));

        Assert.Contains("Epochs and Steps", error.Message);
    }

    [Fact]
    public void A_duration_schedule_with_both_epochs_and_steps_is_rejected() =>
        Assert.Throws<InvalidOperationException>(() => new CosineSchedule { Epochs = 1, Steps = 10 }.Factor(AtEpochs(1)));
}
