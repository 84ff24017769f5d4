using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Distill.Runtime.Samplers;
using TorchSharp;
using static TorchSharp.torch;
using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training
{
    /// <summary>
    /// Trains a student <see cref="ConvNet"/> on an objective, optionally against a frozen teacher.
    /// Each step runs in its own dispose scope; the run is a pure function of its settings (seeded
    /// initialisation, seeded batch order, no random ops in the models), so a run resumed from a
    /// checkpoint ends with the same weights and metrics as an uninterrupted one.
    /// </summary>
    public sealed class Trainer(TrainSettings settings, ITrainingObserver? observer = null)
    {
        private static readonly object SeedLock = new();

        public TrainSettings Settings { get; } = settings;

        /// <summary>
        /// Seeds torch and creates a model: the same seed and spec give the same initial weights
        /// (torch's generator is global, so seeding and construction happen under one lock).
        /// </summary>
        public static ConvNet CreateModel(ConvNetSpec spec, int seed, Device? device = null)
        {
            ConvNet model;
            lock (SeedLock)
            {
                torch.manual_seed(seed);
                model = new ConvNet(spec);
            }
            if (device is not null) model.to(device);
            return model;
        }

        /// <summary>
        /// Trains <paramref name="student"/> (in place) and returns the run state with all metrics.
        /// With <paramref name="checkpoint"/> set, writes it after every epoch (and every
        /// <see cref="TrainSettings.CheckpointEvery"/> steps); with <paramref name="resume"/> and an
        /// existing checkpoint, continues from it. When <paramref name="stop"/> is cancelled (a signal, see
        /// <see cref="StopSignals"/>), the run ends after the current step, writes the checkpoint there and
        /// returns with <see cref="RunState.Interrupted"/> set; resuming from it gives the same numbers as
        /// an uninterrupted run.
        /// </summary>
        public RunState Run(RunState state, ConvNet student, ConvNet? teacher, TrainingObjective objective,
                            LabelledImages train, LabelledImages test, string? checkpoint = null, bool resume = false,
                            BatchSampler? sampler = null, CancellationToken stop = default)
        {
            torch.set_num_threads(Settings.Threads);
            var device = Devices.Parse(Settings.Device);
            var plan = InputPlan.For(objective.Objective.RequiredInputs);
            sampler ??= Batches.For(Settings, objective.Objective, train, teacher);
            int stepsPerEpoch = sampler.BatchesPerEpoch;
            if (stepsPerEpoch == 0) throw new ArgumentException($"batch size {Settings.BatchSize} is larger than the {train.Count} training images.");
            using var optimizer = new MomentumSgd(student.named_parameters(), Settings.Momentum, Settings.WeightDecay);
            if (resume && checkpoint is not null && File.Exists(checkpoint))
                state = RunCheckpoint.Load(checkpoint, state, student, optimizer, objective.Objective);
            observer?.OnStart(state, stepsPerEpoch);
            long totalSteps = (long)stepsPerEpoch * Settings.Epochs;
            var clock = Stopwatch.StartNew();
            double elapsedBefore = state.ElapsedSeconds;
            objective.Objective.Training = true;
            state.Interrupted = false;
            while (state.GlobalStep < totalSteps && !state.Interrupted)
            {
                if (Settings.StopAfterSteps > 0 && state.GlobalStep >= Settings.StopAfterSteps) break;
                int epoch = (int)(state.GlobalStep / stepsPerEpoch);
                for (int i = (int)(state.GlobalStep % stepsPerEpoch); i < stepsPerEpoch; i++)
                {
                    if (Settings.StopAfterSteps > 0 && state.GlobalStep >= Settings.StopAfterSteps) break;
                    var progress = TrainingProgress.At(epoch, i, stepsPerEpoch, Settings.Epochs);
                    var (step, correct, seen) = Step(student, teacher, objective, plan, optimizer, train, sampler.Batch(epoch, i), progress, epoch, totalSteps, device);
                    if (!double.IsFinite(step.Total))
                        throw new InvalidOperationException($"the loss is {step.Total} at step {step.Step} ({string.Join(", ", step.Terms.Select(t => $"{t.Name} {t.Raw}"))}); "
                                                            + "training diverged: lower --lr or a term's weight, or resume from the last checkpoint.");
                    state.GlobalStep++;
                    state.Steps.Add(step);
                    state.EpochLossSum += step.Total;
                    state.EpochLossCount++;
                    state.EpochCorrect += correct;
                    state.EpochSeen += seen;
                    state.ElapsedSeconds = elapsedBefore + clock.Elapsed.TotalSeconds;
                    observer?.OnStep(step);
                    if (i == stepsPerEpoch - 1) EndEpoch(state, epoch, student, test, device);
                    state.Interrupted = stop.IsCancellationRequested && state.GlobalStep < totalSteps;
                    bool save = i == stepsPerEpoch - 1 || state.Interrupted || (Settings.CheckpointEvery > 0 && state.GlobalStep % Settings.CheckpointEvery == 0);
                    if (save && checkpoint is not null)
                    {
                        RunCheckpoint.Save(checkpoint, state, student, optimizer, objective.Objective);
                        observer?.OnCheckpoint(checkpoint);
                    }
                    if (state.Interrupted) break;
                }
            }
            return state;
        }

        private (StepMetrics Step, long Correct, long Seen) Step(ConvNet student, ConvNet? teacher, TrainingObjective objective, InputPlan plan, MomentumSgd optimizer,
                                 LabelledImages train, long[] rows, TrainingProgress progress, int epoch, long totalSteps, Device device)
        {
            using var scope = NewDisposeScope();
            student.train();
            var index = torch.tensor(rows);
            var images = train.Images.index_select(0, index).to(device);
            var labels = train.Labels.index_select(0, index).to(device);
            var inputs = plan.Feed(student, teacher, images, labels, out var logits);
            long correct;
            using (no_grad()) correct = logits.argmax(1).eq(labels).sum().item<long>();
            using var result = objective.Compute(inputs, progress);
            double lr = LearningRateAt(progress.Step, totalSteps);
            optimizer.ZeroGrad();
            result.Total.backward();
            optimizer.Step(lr);
            var terms = result.Terms.Select(t => new TermMetric(t.Name, t.Weight, t.Raw)).ToList();
            return (new StepMetrics(epoch, progress.Step + 1, result.Total.to_type(ScalarType.Float64).item<double>(), lr, terms), correct, rows.Length);
        }

        private void EndEpoch(RunState state, int epoch, ConvNet student, LabelledImages test, Device device)
        {
            var (accuracy, loss) = Score(student, test, device);
            var metrics = new EpochMetrics(epoch + 1, state.EpochLossSum / Math.Max(1, state.EpochLossCount), accuracy, state.ElapsedSeconds,
                                           (double)state.EpochCorrect / Math.Max(1, state.EpochSeen), loss);
            state.Epochs.Add(metrics);
            state.EpochLossSum = 0;
            state.EpochLossCount = 0;
            state.EpochCorrect = 0;
            state.EpochSeen = 0;
            observer?.OnEpoch(metrics);
        }

        /// <summary>The cosine learning rate at a 0-based step.</summary>
        public double LearningRateAt(long step, long totalSteps) =>
            Settings.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / Math.Max(1, totalSteps)));

        /// <summary>Top-1 accuracy of <paramref name="model"/> on <paramref name="data"/> in eval mode; leaves the model in eval mode.</summary>
        public static double Accuracy(ConvNet model, LabelledImages data, Device? device = null, int batch = 1000) =>
            Score(model, data, device, batch).Accuracy;

        /// <summary>Top-1 accuracy and mean cross-entropy of <paramref name="model"/> on <paramref name="data"/> in eval mode; leaves the model in eval mode.</summary>
        public static (double Accuracy, double Loss) Score(ConvNet model, LabelledImages data, Device? device = null, int batch = 1000)
        {
            long correct = 0;
            double loss = 0;
            Evaluate(model, data, device, batch, (outputs, start, n) =>
            {
                var logits = outputs.Logits.cpu().to_type(ScalarType.Float64);
                var labels = data.Labels.narrow(0, start, n);
                correct += logits.argmax(1).eq(labels).sum().item<long>();
                loss += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<double>();
            });
            return ((double)correct / data.Count, loss / data.Count);
        }

        /// <summary>
        /// Runs <paramref name="model"/> in evaluation mode under no_grad over <paramref name="data"/> in chunks of
        /// <paramref name="batch"/> images, each in its own dispose scope, and hands every chunk's outputs, first
        /// row and size to <paramref name="visit"/>.
        /// </summary>
        public static void Evaluate(ConvNet model, LabelledImages data, Device? device, int batch, Action<ModelOutputs, int, int> visit)
        {
            model.eval();
            using var noGrad = no_grad();
            for (int start = 0; start < data.Count; start += batch)
            {
                using var scope = NewDisposeScope();
                int n = Math.Min(batch, data.Count - start);
                var x = data.Images.narrow(0, start, n);
                if (device is not null) x = x.to(device);
                visit(model.forward(x), start, n);
            }
        }
    }
}
