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
        public required TrainSettings Settings { get; set; }
        public required ConvNetSpec Student { get; init; }
        public string? Teacher { get; set; }

        public static RunState FromJson(string json, string source) =>
            JsonSerializer.Deserialize<RunState>(json, Options) ?? throw new FormatException($"{source}: empty run state.");

        /// <summary>
        /// Refuses another recipe, settings that change the numbers (all but device, checkpoint interval and stop step;
        /// epochs may be raised) or another student, listing each differing setting (<see cref="SettingsDiff"/>).
        /// </summary>
        public override string? ResumeConflict(TrainingState saved, string path)
        {
            if (base.ResumeConflict(saved, path) is { } conflict) return conflict;
            var state = (RunState)saved;
            var changes = SettingsDiff.Changes(state.Settings, Settings);
            if (changes.Count > 0) return $"{path}: resume with the same settings; {string.Join("; ", changes)}.";
            if (state.Student != Student)
                return $"{path}: checkpoint is for a student {state.Student}, not {Student}.";
            return null;
        }

        /// <summary>A resumed run carries its own settings on (they differ at most in epochs raised and free fields).</summary>
        public override void ResumeWith(TrainingState requested) => Settings = ((RunState)requested).Settings;
    }
}
