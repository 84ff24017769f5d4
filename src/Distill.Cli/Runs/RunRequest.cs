using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Cli.Runs
{
    /// <summary>One model to train into <see cref="Folder"/>: its recipe (text and where it came from), shape, settings and output options.</summary>
    public sealed record RunRequest(string Name, string Recipe, string RecipePath, ConvNetSpec Spec, TrainSettings Settings,
                                    string Folder, MetricsFormat Format, bool Resume, DataSource Data)
    {
        /// <summary>The terms the recipe may use: the built-ins, plus those of <c>--terms</c> assemblies.</summary>
        public RuntimeCatalogue Catalogue { get; init; } = RuntimeCatalogue.BuiltIn;
    }
}
