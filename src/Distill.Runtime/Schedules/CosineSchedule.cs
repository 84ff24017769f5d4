using System;

namespace Distill.Runtime.Schedules
{
    /// <summary>
    /// <c>cosine(from = 1, to = 0, epochs = 10)</c>: half a cosine from <see cref="RangeSchedule.From"/> to
    /// <see cref="RangeSchedule.To"/> over the span (as in SGDR / CosineAnnealingLR), then holds <c>to</c>.
    /// </summary>
    [DistillSchedule("cosine", Description = "cosine-anneals the weight from `from` to `to` over the span, then holds `to`")]
    public sealed class CosineSchedule() : RangeSchedule("cosine")
    {
        protected override double Curve(double t) => To + (From - To) * (1 + Math.Cos(Math.PI * t)) / 2;
    }
}
