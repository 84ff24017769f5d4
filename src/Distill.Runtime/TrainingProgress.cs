using System;

namespace Distill.Runtime
{
    /// <summary>
    /// Where training is: the global step (0-based), steps per epoch and the planned number of
    /// epochs. Schedules read <see cref="Epochs"/> (fractional epochs elapsed), <see cref="Step"/>
    /// or <see cref="Fraction"/> of training done.
    /// </summary>
    public readonly record struct TrainingProgress(long Step, int StepsPerEpoch, int TotalEpochs)
    {
        /// <summary>Progress for evaluation or one-off calls: training complete, every warm-up fully on.</summary>
        public static TrainingProgress Completed { get; } = new(1, 1, 1);

        public static TrainingProgress At(int epoch, int stepInEpoch, int stepsPerEpoch, int totalEpochs)
        {
            if (stepsPerEpoch <= 0) throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), "must be positive");
            return new TrainingProgress((long)epoch * stepsPerEpoch + stepInEpoch, stepsPerEpoch, totalEpochs);
        }

        /// <summary>The whole epochs completed.</summary>
        public int Epoch => StepsPerEpoch > 0 ? (int)(Step / StepsPerEpoch) : 0;

        /// <summary>Fractional epochs elapsed: 2.5 is half-way through the third epoch.</summary>
        public double Epochs => StepsPerEpoch > 0 ? (double)Step / StepsPerEpoch : 0;

        /// <summary>Fraction of the planned training done, in [0, 1].</summary>
        public double Fraction => StepsPerEpoch > 0 && TotalEpochs > 0
            ? Math.Clamp((double)Step / ((long)StepsPerEpoch * TotalEpochs), 0, 1)
            : 1;
    }
}
