using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Distill.Runtime;
using Distill.Runtime.Samplers;
using Distill.Training.Data;
using Distill.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Distill.Training
{
    /// <summary>
    /// Trains a built-in <see cref="ConvNet"/> student on labelled images against an optional frozen ConvNet
    /// teacher, with the <see cref="TrainSettings"/> the CLI exposes: a <see cref="Distiller"/> with torch.optim's
    /// SGD (momentum, weight decay), a cosine learning rate to 0 (<see cref="Optimizers.Cosine"/>), the sampler of
    /// <see cref="TrainSettings.Sampler"/>, SSKD's and PAD's heads from the ConvNets, and test accuracy after every
    /// epoch. The run is a pure function of its settings, so a run resumed from a checkpoint ends with the same
    /// weights and metrics as an uninterrupted one.
    /// </summary>
    public sealed class Trainer(TrainSettings settings, ITrainingObserver? observer = null)
    {
        private static readonly object SeedLock = new();

        public TrainSettings Settings { get; } = settings;

        /// <summary>Cross-process hooks (gradient averaging, weight broadcast); one process by default.</summary>

        /// <summary>
        /// The processes training together (<see cref="Distiller.Group"/>; docs/distributed.md). Each rank takes
        /// BatchSize/K rows of every batch; <see cref="TrainSettings.Ranks"/> must equal the group's size.
        /// </summary>
        public IProcessGroup Group { get; init; } = SingleProcess.Instance;

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

        /// <summary>Whether the recipe reads the teacher.</summary>
        public static bool NeedsTeacher(ObjectiveBase objective) => objective.RequiredInputs.Any(n => n.StartsWith("Teacher", StringComparison.Ordinal));

        /// <summary>
        /// Checks, before any data is read or model trained, that the built-in models can feed every input of
        /// <paramref name="objective"/> by name (shapes are checked on the first batch); throws
        /// <see cref="UnsatisfiableInputException"/> naming the first they cannot.
        /// </summary>
        public static void Check(ObjectiveBase objective)
        {
            using var student = new ConvNet(ConvNetSpec.Student);
            using var teacher = new ConvNet(ConvNetSpec.Teacher);
            InputFeeder.For(objective, student, teacher, ConvNet.Taps, ConvNet.Taps, Extras(student, teacher), probe: null).Dispose();
        }

        /// <summary>
        /// Trains <paramref name="student"/> (in place) and returns the run state with all metrics.
        /// With <paramref name="checkpoint"/> set, writes it after every epoch (and every
        /// <see cref="TrainSettings.CheckpointEvery"/> steps); with <paramref name="resume"/> and an
        /// existing checkpoint, continues from it. <paramref name="stop"/> ends it after the current step with a
        /// checkpoint (<see cref="Distiller.Stop"/>). Every epoch records test accuracy and loss and train accuracy.
        /// </summary>
        public RunState Run(RunState state, ConvNet student, ConvNet? teacher, TrainingObjective objective,
                            LabelledImages train, LabelledImages test, string? checkpoint = null, bool resume = false,
                            BatchSampler? sampler = null, CancellationToken stop = default)
        {
            torch.set_num_threads(Settings.Threads);
            var device = Devices.Parse(Settings.Device);
            if (Settings.Ranks != Group.Size)
                throw new ArgumentException($"the settings are for {Settings.Ranks} rank(s) but {Group.Size} process(es) run; set TrainSettings.Ranks to the group's size.");
            Check(objective.Objective);
            sampler ??= Batches.For(Settings, objective.Objective, train, teacher);
            if (sampler.BatchesPerEpoch == 0) throw new ArgumentException($"batch size {Settings.BatchSize} is larger than the {train.Count} training images.");
            var distiller = new Distiller(student, teacher, objective)
            {
                StudentTaps = ConvNet.Taps,
                TeacherTaps = ConvNet.Taps,
                Extras = Extras(student, teacher),
                Optimizer = Optimizers.Sgd(Settings.LearningRate, Settings.Momentum, Settings.WeightDecay),
                Scheduler = Optimizers.Cosine(),
                Epochs = Settings.Epochs,
                Observer = observer,
                Group = Group,
                SyncBatchNorm = Settings.SyncBatchNorm,
                Score = () => Evaluation.Score(student, test, device, group: Group),
                Stop = stop,
                GradShareEvery = Settings.GradShareEvery,
                CheckpointEvery = Settings.CheckpointEvery,
                StopAfterSteps = Settings.StopAfterSteps,
            };
            return distiller.Fit(BatchSource.From(train, sampler, device), state, checkpoint, resume);
        }

        /// <summary>Top-1 accuracy of <paramref name="model"/> on <paramref name="data"/> in eval mode; leaves the model in eval mode.</summary>
        public static double Accuracy(ConvNet model, LabelledImages data, Device? device = null, int batch = 1000) =>
            Evaluation.Accuracy(model, data, device, batch);

        /// <summary>SSKD's rotated views over the ConvNets' projection heads and PAD's variance branch of the student.</summary>
        private static List<ExtraInputs> Extras(ConvNet student, ConvNet? teacher) =>
            [new SskdViews(student.Projection, teacher?.Projection), new PadVariance(student.LogVariance)];
    }
}
