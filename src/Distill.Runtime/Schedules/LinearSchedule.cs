namespace Distill.Runtime.Schedules
{
    /// <summary>
    /// <c>linear(from = 1, to = 0, epochs = 10)</c>: the factor moves linearly from <see cref="RangeSchedule.From"/>
    /// to <see cref="RangeSchedule.To"/> over the span, then holds <c>to</c>. The defaults (1 → 0) anneal a term
    /// away; <c>warmup</c> is the ramp up.
    /// </summary>
    [DistillSchedule("linear", Description = "moves the weight linearly from `from` to `to` over the span, then holds `to`")]
    public sealed class LinearSchedule() : RangeSchedule("linear")
    {
        protected override double Curve(double t) => From + (To - From) * t;
    }
}
