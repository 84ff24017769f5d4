using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Distill.Training
{
    /// <summary>
    /// Where a <see cref="Distiller"/> run is and what it measured: the recipe text (and its hash), the global
    /// step, the current epoch's running loss, elapsed time and every step's and epoch's metrics. Serialised
    /// (with the fields of any subclass, such as <see cref="RunState"/>) as the checkpoint's JSON header.
    /// </summary>
    public class TrainingState
    {
        public required string Recipe { get; init; }
        public string RecipeHash => Hash(Recipe);
        public long GlobalStep { get; set; }
        public double EpochLossSum { get; set; }
        public int EpochLossCount { get; set; }
        public double ElapsedSeconds { get; set; }
        /// <summary>Training rows of the current epoch the student classified right, and counted, so far (for the epoch's train accuracy).</summary>
        public long EpochCorrect { get; set; }
        public long EpochSeen { get; set; }
        /// <summary>Whether the last run stopped early on a stop request (<see cref="Distiller.Stop"/>); its checkpoint is at <see cref="GlobalStep"/>.</summary>
        public bool Interrupted { get; set; }
        public List<EpochMetrics> Epochs { get; init; } = [];
        public List<StepMetrics> Steps { get; init; } = [];

        public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

        public string ToJson() => JsonSerializer.Serialize(this, GetType(), Options);

        /// <summary>Reads a state of this object's own type from a checkpoint header.</summary>
        public TrainingState Read(string json, string source) =>
            (TrainingState?)JsonSerializer.Deserialize(json, GetType(), Options) ?? throw new FormatException($"{source}: empty run state.");

        /// <summary>
        /// Why a run with this state must not resume from <paramref name="saved"/> (read from <paramref name="path"/>),
        /// or null: another recipe. Subclasses add their own settings.
        /// </summary>
        public virtual string? ResumeConflict(TrainingState saved, string path) =>
            saved.RecipeHash == RecipeHash ? null
            : $"{path}: checkpoint is of another recipe (sha256 {saved.RecipeHash[..12]}, not {RecipeHash[..12]}); use another --out or drop --resume.";

        /// <summary>Called on the state read from a checkpoint once <see cref="ResumeConflict"/> allowed it: takes what the resumed run may change (<see cref="RunState"/>: raised epochs).</summary>
        public virtual void ResumeWith(TrainingState requested) { }

        protected static readonly JsonSerializerOptions Options = new()
        {
            WriteIndented = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
    }
}
