using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Runtime.Samplers;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Training.Data
{
    /// <summary>
    /// Adapters from the usual data shapes to <see cref="IBatchSource"/>: a plain sequence of batches
    /// (the same every epoch), a function of the epoch, TorchSharp's <c>DataLoader</c> (its dictionaries
    /// read by key), or labelled images with one of Distill's seeded samplers.
    /// </summary>
    public static class BatchSource
    {
        /// <summary>The same batches every epoch. A sequence that is not a collection is counted by enumerating it once.</summary>
        public static IBatchSource From(IEnumerable<Batch> batches) => new Sequence(_ => batches, Count(batches));

        /// <summary>Each epoch's batches from <paramref name="epoch"/>; <paramref name="batchesPerEpoch"/> of them.</summary>
        public static IBatchSource FromEpochs(Func<int, IEnumerable<Batch>> epoch, int batchesPerEpoch) => new Sequence(epoch, batchesPerEpoch);

        /// <summary>
        /// TorchSharp's <c>torch.utils.data.DataLoader</c> (or any sequence of dictionaries), reading the input
        /// at <paramref name="input"/> and labels at <paramref name="labels"/> (null: no labels). A loader given a
        /// seed shuffles the same way on every enumeration, so a resumed run matches an uninterrupted one.
        /// </summary>
        public static IBatchSource From(IEnumerable<Dictionary<string, Tensor>> loader, string input = "data", string? labels = "label")
        {
            int count = loader is TorchSharp.Modules.DataLoader d ? checked((int)d.Count) : Count(loader);
            return new Sequence(_ => loader.Select(b => new Batch(Read(b, input), labels is null ? null : Read(b, labels))), count);
        }

        /// <summary>Batches of <paramref name="data"/> drawn by <paramref name="sampler"/> (a pure function of seed, epoch and index), moved to <paramref name="device"/>.</summary>
        public static IBatchSource From(LabelledImages data, BatchSampler sampler, Device? device = null) =>
            new Sequence(epoch => Sampled(data, sampler, epoch, device), sampler.BatchesPerEpoch);

        private static IEnumerable<Batch> Sampled(LabelledImages data, BatchSampler sampler, int epoch, Device? device)
        {
            for (int i = 0; i < sampler.BatchesPerEpoch; i++)
            {
                var index = torch.tensor(sampler.Batch(epoch, i));
                var images = data.Images.index_select(0, index);
                var labels = data.Labels.index_select(0, index);
                yield return device is null ? new Batch(images, labels) : new Batch(images.to(device), labels.to(device));
            }
        }

        private static Tensor Read(Dictionary<string, Tensor> batch, string key) =>
            batch.TryGetValue(key, out var t) ? t
            : throw new KeyNotFoundException($"the data loader's batch has no '{key}' entry; it has {string.Join(", ", batch.Keys)}. Pass the right key to BatchSource.From.");

        private static int Count<T>(IEnumerable<T> items)
        {
            if (items is IReadOnlyCollection<T> collection) return collection.Count;
            using var scope = NewDisposeScope();
            return items.Count();
        }

        private sealed class Sequence(Func<int, IEnumerable<Batch>> epoch, int batchesPerEpoch) : IBatchSource
        {
            public int BatchesPerEpoch { get; } = batchesPerEpoch;

            public IEnumerable<Batch> Epoch(int index, int first)
            {
                using var enumerator = epoch(index).GetEnumerator();
                for (int i = 0; i < first; i++)
                {
                    using var skip = NewDisposeScope();
                    if (!enumerator.MoveNext()) yield break;
                }
                while (enumerator.MoveNext()) yield return enumerator.Current;
            }
        }
    }
}
