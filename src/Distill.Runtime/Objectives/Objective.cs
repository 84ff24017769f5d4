using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Distill.Dsl;
using Distill.Dsl.Binding;
using Distill.Dsl.Text;
using static TorchSharp.torch;

namespace Distill.Runtime
{
    /// <summary>
    /// A recipe loaded at run time: compiled by Distill.Dsl against a reflection catalogue, its terms
    /// and schedules instantiated by reflection, evaluated by the same engine as generated objectives.
    /// Inputs go by the generated <c>Inputs</c> member names (<c>StudentLogits</c>, <c>Labels</c>, …).
    /// </summary>
    public sealed class Objective : ObjectiveBase
    {
        private Objective(BoundRecipe recipe, string source, string path, IReadOnlyList<WeightedTerm> terms, Device? device)
            : base(source, terms, recipe.Inputs.Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal).ToList(), device)
        {
            Recipe = recipe;
            Path = path;
        }

        /// <summary>The bound recipe: the normalised weighted sum with every argument.</summary>
        public BoundRecipe Recipe { get; }

        /// <summary>The file the recipe came from, or the name given to <see cref="Parse"/>.</summary>
        public string Path { get; }

        /// <summary>Σ weightᵢ(progress)·termᵢ. Throws <see cref="TermInputException"/> naming a missing or extra input.</summary>
        public LossResult Compute(IReadOnlyDictionary<string, Tensor> inputs, TrainingProgress progress) =>
            ComputeCore(inputs, progress);

        /// <summary>Compiles the recipe file; throws <see cref="RecipeException"/> with the diagnostics when it has errors.</summary>
        public static Objective Load(string path, Device? device = null, RuntimeCatalogue? catalogue = null) =>
            TryLoad(path, device, catalogue).GetObjectiveOrThrow();

        /// <summary>Compiles recipe text; <paramref name="path"/> names it in diagnostics.</summary>
        public static Objective Parse(string text, Device? device = null, RuntimeCatalogue? catalogue = null, string path = "recipe.distill") =>
            TryParse(text, device, catalogue, path).GetObjectiveOrThrow();

        /// <summary>Like <see cref="Load"/>, but returns the diagnostics (warnings included) instead of throwing.</summary>
        public static ObjectiveResult TryLoad(string path, Device? device = null, RuntimeCatalogue? catalogue = null) =>
            TryParse(File.ReadAllText(path), device, catalogue, path);

        public static ObjectiveResult TryParse(string text, Device? device = null, RuntimeCatalogue? catalogue = null, string path = "recipe.distill")
        {
            catalogue ??= RuntimeCatalogue.BuiltIn;
            var compiled = RecipeCompiler.Compile(text, catalogue.Catalogue);
            var objective = compiled.HasErrors || compiled.Recipe is null
                ? null
                : Create(compiled.Recipe, text, path, device, catalogue);
            return new ObjectiveResult(objective, path, new SourceLines(text), compiled.Diagnostics);
        }

        /// <summary>Instantiates an already bound recipe (the terms' and schedules' types come from <paramref name="catalogue"/>).</summary>
        public static Objective Create(BoundRecipe recipe, string source, string path, Device? device = null, RuntimeCatalogue? catalogue = null)
        {
            catalogue ??= RuntimeCatalogue.BuiltIn;
            var terms = recipe.Terms.Select(t => Instantiate(t, catalogue)).ToList();
            return new Objective(recipe, source, path, terms, device);
        }

        private static WeightedTerm Instantiate(BoundTerm term, RuntimeCatalogue catalogue)
        {
            var instance = (LossTerm)Activator.CreateInstance(catalogue.TypeOf(term.ClrType))!;
            ArgumentSetter.Apply(instance, term.Arguments, term.DisplayName);
            Schedule? schedule = null;
            if (term.Schedule is { } bound)
            {
                schedule = (Schedule)Activator.CreateInstance(catalogue.TypeOf(bound.ClrType))!;
                ArgumentSetter.Apply(schedule, bound.Arguments, $"{term.DisplayName}: {bound.Name}");
            }
            return new WeightedTerm(term.DisplayName, instance, term.Weight, schedule);
        }
    }
}
