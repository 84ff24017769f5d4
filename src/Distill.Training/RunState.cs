using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training
{
    /// <summary>
    /// What a run records with every checkpoint besides tensors: the recipe text and its hash, the
    /// settings, the model shape, where training is (global step, the current epoch's running
    /// loss, elapsed time) and the metrics so far. Serialised as the checkpoint's JSON header.
    /// </summary>
    public sealed class RunState
    {
        public required string Recipe { get; init; }
        public required TrainSettings Settings { get; set; }
        public required ConvNetSpec Student { get; init; }
        public string RecipeHash => Hash(Recipe);
        public string? Teacher { get; set; }
        public long GlobalStep { get; set; }
        public double EpochLossSum { get; set; }
        public int EpochLossCount { get; set; }
        /// <summary>Training images of the current epoch classified right, and seen, so far (for the epoch's train accuracy).</summary>
        public long EpochCorrect { get; set; }
        public long EpochSeen { get; set; }
        public double ElapsedSeconds { get; set; }
        /// <summary>Whether the last <see cref="Trainer.Run"/> stopped early on a stop request (its checkpoint is at <see cref="GlobalStep"/>).</summary>
        public bool Interrupted { get; set; }
        public List<EpochMetrics> Epochs { get; init; } = [];
        public List<StepMetrics> Steps { get; init; } = [];

        public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

        public string ToJson() => JsonSerializer.Serialize(this, Options);

        public static RunState FromJson(string json, string source) =>
            JsonSerializer.Deserialize<RunState>(json, Options) ?? throw new FormatException($"{source}: empty run state.");

        private static readonly JsonSerializerOptions Options = new()
        {
            WriteIndented = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
    }
}
