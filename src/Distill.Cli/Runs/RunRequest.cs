using System.Collections.Generic;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Cli.Runs
{
    /// <summary>
    /// One model to train into <see cref="Folder"/>: its recipe (the effective text after <see cref="Overrides"/>,
    /// and where it came from), shape, settings, data and output options. <see cref="Signals"/> stops it after
    /// the current step; <see cref="ResumeCommand"/> is what to type to continue it then.
    /// </summary>
    public sealed record RunRequest(string Name, string Recipe, string RecipePath, ConvNetSpec Spec, TrainSettings Settings,
                                    string Folder, MetricsFormat Format, bool Resume, DataRecord Data)
    {
        /// <summary>The terms the recipe may use: the built-ins, plus those of <c>--terms</c> assemblies.</summary>
        public RuntimeCatalogue Catalogue { get; init; } = RuntimeCatalogue.BuiltIn;
        public IReadOnlyList<string> Overrides { get; init; } = [];
        public StopSignals? Signals { get; init; }
        public string? ResumeCommand { get; init; }
        /// <summary>Accuracies to draw as reference lines (the teacher's, the CE-only student's).</summary>
        public IReadOnlyList<Reference> References { get; init; } = [];

        /// <summary>The run.json of this request, with the teacher it distils from (and the settings of a teacher trained in its folder).</summary>
        public RunRecord Record(TeacherRecord? teacher = null, TrainSettings? teacherSettings = null) => new()
        {
            Name = Name,
            RecipePath = RecipePath,
            RecipeSha256 = RunState.Hash(Recipe),
            Recipe = Recipe,
            Overrides = Overrides,
            Model = Spec,
            Settings = Settings,
            TeacherSettings = teacherSettings,
            Data = Data,
            Teacher = teacher,
            Metrics = Format,
        };
    }
}
