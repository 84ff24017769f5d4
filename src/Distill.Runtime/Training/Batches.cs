using System;
using System.Linq;
using Distill.Runtime.Samplers;
using Distill.Runtime.Terms;

namespace Distill.Runtime.Training
{
    /// <summary>
    /// Picks the batch sampler of <see cref="TrainSettings.Sampler"/>: <c>shuffle</c>;
    /// <c>class-uniform</c> (CCKD's CUR: 8 classes × batch/8 samples); <c>companion</c> (BAKE: batch/4
    /// anchors, each with 3 same-class companions); or <c>auto</c>: companion when the recipe has
    /// <c>bake</c>, class-uniform when it has <c>cc</c>, else shuffle.
    /// </summary>
    public static class Batches
    {
        public const int CurClasses = 8, BakeCompanions = 3;
        public static readonly string[] Kinds = ["auto", "shuffle", "class-uniform", "companion"];

        public static BatchSampler For(TrainSettings settings, ObjectiveBase objective, LabelledImages train)
        {
            string kind = settings.Sampler;
            if (kind == "auto")
                kind = objective.Terms.Any(t => t.Term is BakeTerm) ? "companion"
                     : objective.Terms.Any(t => t.Term is CcTerm) ? "class-uniform"
                     : "shuffle";
            int batch = settings.BatchSize;
            return kind switch
            {
                "shuffle" => new ShuffleSampler(train.Count, batch, settings.Seed),
                "class-uniform" => new ClassUniformSampler(Labels(train), CurClasses, Math.Max(1, batch / CurClasses), settings.Seed),
                "companion" => new CompanionSampler(Labels(train), Math.Max(1, batch / (1 + BakeCompanions)), BakeCompanions, settings.Seed),
                _ => throw new ArgumentException($"unknown sampler '{settings.Sampler}'; use {string.Join(", ", Kinds)}."),
            };
        }

        private static long[] Labels(LabelledImages data) => data.Labels.data<long>().ToArray();
    }
}
