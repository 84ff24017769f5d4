using System;
using System.Text.Json;
using Distill.Training.Models;

namespace Distill.Training
{
    /// <summary>
    /// The state of a run of the built-in models (<see cref="Trainer"/>, the CLI): a <see cref="TrainingState"/>
    /// plus the settings, the student's shape and the teacher's checkpoint.
    /// </summary>
    public sealed class RunState : TrainingState
    {
        public required TrainSettings Settings { get; init; }
        public required ConvNetSpec Student { get; init; }
        public string? Teacher { get; set; }

        public static RunState FromJson(string json, string source) =>
            JsonSerializer.Deserialize<RunState>(json, Options) ?? throw new FormatException($"{source}: empty run state.");

        /// <summary>Refuses another recipe, settings that change the numbers (all but device, checkpoint interval and stop step) or another student.</summary>
        public override string? ResumeConflict(TrainingState saved, string path)
        {
            if (base.ResumeConflict(saved, path) is { } conflict) return conflict;
            var state = (RunState)saved;
            if (Numeric(state.Settings) != Numeric(Settings))
                return $"{path}: checkpoint was trained with {Numeric(state.Settings)}, not {Numeric(Settings)}; resume with the same settings.";
            if (state.Student != Student)
                return $"{path}: checkpoint is for a student {state.Student}, not {Student}.";
            return null;
        }

        private static TrainSettings Numeric(TrainSettings s) => s with { Device = "", CheckpointEvery = 0, StopAfterSteps = 0 };
    }
}
