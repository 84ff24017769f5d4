using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Cli.Runs
{
    /// <summary>Where a run's images came from: the data folder, whether it is the full set, and <c>--limit</c> (0: all images).</summary>
    public sealed record DataRecord(string Folder, bool Full, int Limit)
    {
        public static DataRecord Of(DataSource source, int limit) => new(source.Folder, source.Full, limit);

        [JsonIgnore]
        public DataSource Source => new(Folder, Full);

        public string Description => Source.Describe() + (Limit > 0 ? $", first {Limit:N0} images of each split" : "");
    }

    /// <summary>The teacher a run distils from: its checkpoint, that file's SHA-256 (null until a teacher trained here exists), a one-line description and its last test accuracy.</summary>
    public sealed record TeacherRecord(string Path, string? Sha256, string? Description, double? Accuracy = null)
    {
        /// <summary>The teacher as a reference line of the accuracy figure, when its accuracy is known.</summary>
        public IReadOnlyList<Reference> References => Accuracy is double a ? [new Reference("teacher", a)] : [];
    }

    /// <summary>
    /// A run folder's <c>run.json</c>: everything <c>distill train --resume FOLDER</c> needs to continue
    /// from the folder alone (the effective recipe after overrides, settings, data, teacher), and what a
    /// reader needs to know what the run was. Written readably: snake_case names, indented, and no
    /// <c>\u002B</c>-style escapes of ordinary characters.
    /// </summary>
    public sealed record RunRecord
    {
        public const string FileName = "run.json";

        public required string Name { get; init; }
        public required string RecipePath { get; init; }
        public required string RecipeSha256 { get; init; }
        /// <summary>The recipe as trained: the file's text with every <c>--set</c> applied.</summary>
        public required string Recipe { get; init; }
        public IReadOnlyList<string> Overrides { get; init; } = [];
        public required ConvNetSpec Model { get; init; }
        public required TrainSettings Settings { get; init; }
        /// <summary>Settings for a teacher trained inside this run folder (null when the teacher came from <c>--teacher</c> or none is needed).</summary>
        public TrainSettings? TeacherSettings { get; init; }
        public required DataRecord Data { get; init; }
        public TeacherRecord? Teacher { get; init; }
        public MetricsFormat Metrics { get; init; }
        public string Started { get; init; } = DateTime.UtcNow.ToString("O");
        public string? Finished { get; init; }

        public static readonly JsonSerializerOptions Json = new()
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };

        public static string PathIn(string folder) => System.IO.Path.Combine(folder, FileName);

        public void Save(string folder) => File.WriteAllText(PathIn(folder), JsonSerializer.Serialize(this, Json) + "\n");

        public static RunRecord Load(string folder)
        {
            string path = PathIn(folder);
            if (!File.Exists(path)) throw new IOException($"{folder}: not a run folder (no {FileName}).");
            try
            {
                return JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json) ?? throw new IOException($"{path}: empty.");
            }
            catch (JsonException e)
            {
                throw new IOException($"{path}: not a run record ({e.Message}).");
            }
        }
    }
}
