using System;
using System.Linq;
using Distill.Runtime.Samplers;
using Distill.Runtime.Terms;
using TorchSharp;
using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training
{
    /// <summary>
    /// Picks the batch sampler of <see cref="TrainSettings.Sampler"/>: <c>shuffle</c>;
    /// <c>class-uniform</c> (CCKD's CUR: 8 classes × batch/8 samples); <c>superclass</c> (CCKD's SUR: k-means
    /// of the teacher's embeddings of the training set into 5 clusters, 4 clusters × batch/4 samples a batch);
    /// <c>companion</c> (BAKE: batch/4 anchors, each with 3 same-class companions); or <c>auto</c>: companion
    /// when the recipe has <c>bake</c>, class-uniform when it has <c>cc</c>, else shuffle.
    /// </summary>
    public static class Batches
    {
        public const int CurClasses = 8, BakeCompanions = 3;

        /// <summary>SUR's k-means clusters (fewer than Fashion-MNIST's 10 classes, so similar classes share one) and clusters per batch.</summary>
        public const int SurClusters = 5, SurClustersPerBatch = 4;

        public static readonly string[] Kinds = ["auto", "shuffle", "class-uniform", "superclass", "companion"];

        /// <summary>
        /// The sampler <paramref name="settings"/> asks for (resolving <c>auto</c> from <paramref name="objective"/>'s
        /// terms) over <paramref name="train"/>. Only <c>superclass</c> needs the frozen <paramref name="teacher"/>.
        /// </summary>
        public static BatchSampler For(TrainSettings settings, ObjectiveBase objective, LabelledImages train, ConvNet? teacher = null)
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
                "superclass" => Superclass(teacher, train, settings),
                "companion" => new CompanionSampler(Labels(train), Math.Max(1, batch / (1 + BakeCompanions)), BakeCompanions, settings.Seed),
                _ => throw new ArgumentException($"unknown sampler '{settings.Sampler}'; use {string.Join(", ", Kinds)}."),
            };
        }

        private static SuperclassSampler Superclass(ConvNet? teacher, LabelledImages train, TrainSettings settings)
        {
            using var embeddings = TeacherEmbeddings(teacher, train, settings);
            return new SuperclassSampler(embeddings, SurClusters, SurClustersPerBatch, Math.Max(1, settings.BatchSize / SurClustersPerBatch), settings.Seed);
        }

        /// <summary>The teacher's N×D embeddings of every training image (evaluation mode, no_grad, on the CPU).</summary>
        public static torch.Tensor TeacherEmbeddings(ConvNet? teacher, LabelledImages train, TrainSettings settings)
        {
            if (teacher is null)
                throw new ArgumentException("the superclass sampler clusters the teacher's embeddings of the training set: give a teacher (--teacher, or let the command train one).");
            var parts = new System.Collections.Generic.List<torch.Tensor>();
            Evaluation.Visit(teacher, train, "embedding", Devices.Parse(settings.Device), 1000, ConvNet.Taps, (embedding, _, n) =>
                parts.Add(embedding.reshape(n, -1).cpu().MoveToOuterDisposeScope()));
            var all = torch.cat(parts);
            foreach (var part in parts) part.Dispose();
            return all;
        }

        private static long[] Labels(LabelledImages data) => data.Labels.data<long>().ToArray();
    }
}
