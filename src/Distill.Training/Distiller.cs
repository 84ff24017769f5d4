using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Distill.Runtime;
using Distill.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.optim;

namespace Distill.Training
{
    /// <summary>
    /// Trains a student module against a frozen teacher module on a recipe: taps captured by module path with
    /// forward hooks (<see cref="StudentTaps"/>, <see cref="TeacherTaps"/>), labels from the batches, extra inputs
    /// from <see cref="Extras"/>, a TorchSharp optimiser and learning-rate scheduler, and checkpoints that resume
    /// bit-identically. Before step one, <see cref="Fit"/> runs <see cref="Check"/> on the first batch, so a tap that
    /// does not exist, a shape that does not fit a term or missing labels fail before anything trains.
    /// </summary>
    public sealed class Distiller(Module<Tensor, Tensor> student, Module<Tensor, Tensor>? teacher, TrainingObjective objective)
    {
        public Distiller(Module<Tensor, Tensor> student, Module<Tensor, Tensor>? teacher, ObjectiveBase objective)
            : this(student, teacher, TrainingObjective.From(objective)) { }

        public Module<Tensor, Tensor> Student { get; } = student;
        public Module<Tensor, Tensor>? Teacher { get; } = teacher;
        public TrainingObjective Objective { get; } = objective;

        public Taps StudentTaps { get; init; } = Taps.Default;
        public Taps TeacherTaps { get; init; } = Taps.Default;

        /// <summary>Helpers for inputs the taps alone do not give (<see cref="SskdViews"/>, <see cref="PadVariance"/>).</summary>
        public IList<ExtraInputs> Extras { get; init; } = [];

        /// <summary>Makes the optimiser over every trained parameter (the student's and the helpers' heads). Default: SGD, lr 0.05, momentum 0.9, weight decay 5e-4.</summary>
        public Func<IEnumerable<Parameter>, OptimizerHelper> Optimizer { get; init; } = Optimizers.Sgd(0.05);

        /// <summary>Makes the learning-rate scheduler from the optimiser and the run's total steps; stepped after every optimiser step. Null: constant.</summary>
        public Func<OptimizerHelper, long, lr_scheduler.LRScheduler>? Scheduler { get; init; }

        public int Epochs { get; init; } = 1;

        /// <summary>Where batches go before the forward pass (null: where the source made them).</summary>
        public Device? Device { get; init; }

        public ITrainingObserver? Observer { get; init; }

        /// <summary>
        /// The processes training together (docs/distributed.md; <see cref="SingleProcess"/> by default). With K &gt; 1
        /// every rank runs Fit on the same data source: the weights start from rank 0's, each step feeds this rank's
        /// block of the global batch (<see cref="DataParallel.Shard"/>), the gradients are averaged after
        /// backward() and before the optimizer step, the metrics are averaged, and only rank 0 reports to the observer and writes
        /// checkpoints.
        /// </summary>
        public IProcessGroup Group { get; init; } = SingleProcess.Instance;

        /// <summary>
        /// With K &gt; 1 ranks, whether the student's and the helpers' BatchNorm layers that support it
        /// (<see cref="Models.ISyncBatchNorm"/>, e.g. the built-in <see cref="Models.ConvNet"/>) normalise with the
        /// global batch's statistics (<see cref="Models.SyncBatchNorm"/>), so that the run follows the one-process
        /// trajectory; true by default. False: each rank's own rows, as PyTorch's DDP without SyncBatchNorm.
        /// </summary>
        public bool SyncBatchNorm { get; init; } = true;

        private ITrainingObserver? RootObserver => Group.Rank == 0 ? Observer : null;

        /// <summary>Test accuracy after each epoch (e.g. <see cref="Evaluation.Accuracy"/>); null: NaN in the metrics.</summary>
        public Func<double>? Evaluate { get; init; }

        /// <summary>Test accuracy and mean test cross-entropy after each epoch (e.g. <see cref="Evaluation.Score"/>); when set, used instead of <see cref="Evaluate"/>.</summary>
        public Func<(double Accuracy, double Loss)>? Score { get; init; }

        /// <summary>
        /// When cancelled (a signal, see <see cref="StopSignals"/>), the run ends after the current step, writes the
        /// checkpoint there and returns with <see cref="TrainingState.Interrupted"/> set; resuming from it gives the
        /// numbers of an uninterrupted run. With K &gt; 1 ranks a request on any rank stops every rank after the same step
        /// (the flag travels in the step's metrics all-reduce), and rank 0 writes the checkpoint.
        /// </summary>
        public CancellationToken Stop { get; init; }

        /// <summary>Also checkpoint every N steps (0: after each epoch only).</summary>
        public int CheckpointEvery { get; init; }

        /// <summary>
        /// Measure every term's share of the gradient norm on the student's parameters every N steps (0: at each
        /// epoch's last step; negative: never). Each measurement costs one extra backward pass per term; it does
        /// not change the training, which steps on the total's gradient as always.
        /// </summary>
        public int GradShareEvery { get; init; }

        /// <summary>End the run at this global step, as an interruption would (0: never).</summary>
        public long StopAfterSteps { get; init; }

        /// <summary>Trains with a fresh <see cref="TrainingState"/>; see <see cref="Fit{TState}"/>.</summary>
        public TrainingState Fit(IBatchSource data, string? checkpoint = null, bool resume = false) =>
            Fit(data, new TrainingState { Recipe = Objective.Objective.Source }, checkpoint, resume);

        /// <summary>
        /// Trains the student in place and returns the state with every metric. With <paramref name="checkpoint"/>,
        /// writes it after every epoch (and every <see cref="CheckpointEvery"/> steps); with <paramref name="resume"/>
        /// and an existing checkpoint, continues from it exactly.
        /// </summary>
        public TState Fit<TState>(IBatchSource data, TState state, string? checkpoint = null, bool resume = false) where TState : TrainingState
        {
            int stepsPerEpoch = data.BatchesPerEpoch;
            if (stepsPerEpoch == 0) throw new ArgumentException("the data source has no batches; give it at least one full batch.");
            using var feeder = Prepare(data);
            var parameters = TrainedParameters(feeder);
            using var optimizer = Optimizer(parameters);
            long totalSteps = (long)stepsPerEpoch * Epochs;
            var scheduler = Scheduler?.Invoke(optimizer, totalSteps);
            if (resume && checkpoint is not null && File.Exists(checkpoint))
                state = RunCheckpoint.Resume(checkpoint, state, this, feeder.Extras, optimizer, scheduler);
            DataParallel.BroadcastFromRoot(Group, parameters, Student);
            Objective.Objective.ProcessGroup = Group;
            var synchronised = SynchroniseBatchNorm(feeder, SyncBatchNorm ? Group : SingleProcess.Instance);
            try { return Run(data, state, checkpoint, feeder, parameters, optimizer, scheduler, totalSteps, stepsPerEpoch); }
            finally { foreach (var module in synchronised) Models.SyncBatchNorm.Use(module, SingleProcess.Instance); }
        }

        /// <summary>Gives <paramref name="group"/> to the BatchNorm layers of the student and the helpers' modules; returns those modules.</summary>
        private List<Module> SynchroniseBatchNorm(InputFeeder feeder, IProcessGroup group)
        {
            var modules = new List<Module> { Student };
            modules.AddRange(feeder.Extras.SelectMany(x => x.Trainable));
            foreach (var module in modules) Models.SyncBatchNorm.Use(module, group);
            return modules;
        }

        private TState Run<TState>(IBatchSource data, TState state, string? checkpoint, InputFeeder feeder, List<Parameter> parameters,
                                   OptimizerHelper optimizer, lr_scheduler.LRScheduler? scheduler, long totalSteps, int stepsPerEpoch) where TState : TrainingState
        {
            RootObserver?.OnStart(state, stepsPerEpoch);
            var clock = Stopwatch.StartNew();
            double elapsedBefore = state.ElapsedSeconds;
            var engine = Objective.Objective;
            engine.Training = true;
            state.Interrupted = false;
            while (state.GlobalStep < totalSteps && !Stopped(state))
            {
                int epoch = (int)(state.GlobalStep / stepsPerEpoch);
                int first = (int)(state.GlobalStep % stepsPerEpoch);
                using var batches = data.Epoch(epoch, first).GetEnumerator();
                for (int i = first; i < stepsPerEpoch && !Stopped(state); i++)
                {
                    var progress = TrainingProgress.At(epoch, i, stepsPerEpoch, Epochs);
                    var (step, correct, seen, stop) = Step(feeder, batches, parameters, optimizer, scheduler, progress, epoch, i);
                    state.GlobalStep++;
                    state.Steps.Add(step);
                    state.EpochLossSum += step.Total;
                    state.EpochLossCount++;
                    state.EpochCorrect += correct;
                    state.EpochSeen += seen;
                    state.ElapsedSeconds = elapsedBefore + clock.Elapsed.TotalSeconds;
                    RootObserver?.OnStep(step);
                    if (i == stepsPerEpoch - 1) EndEpoch(state, epoch);
                    // Any rank's stop request, all-reduced with the step's metrics: every rank stops after this same step.
                    // (With one process a request that came during the step's evaluation counts too, as it always did.)
                    state.Interrupted = (stop || Group.Size == 1 && Stop.IsCancellationRequested) && state.GlobalStep < totalSteps;
                    bool save = i == stepsPerEpoch - 1 || state.Interrupted || (CheckpointEvery > 0 && state.GlobalStep % CheckpointEvery == 0);
                    if (save && checkpoint is not null && Group.Rank == 0)
                    {
                        RunCheckpoint.Save(checkpoint, state, Student, feeder.Extras, optimizer, engine);
                        RootObserver?.OnCheckpoint(checkpoint);
                    }
                }
            }
            RootObserver?.OnFinish(state);
            return state;
        }

        /// <summary>
        /// The check before step one: hooks the taps, runs the models and the objective on <paramref name="batch"/>
        /// (eval mode, no_grad, no state updates) and returns every input's shape. Throws
        /// <see cref="UnsatisfiableInputException"/> naming the term, the input and the fix.
        /// </summary>
        public IReadOnlyDictionary<string, long[]> Check(Batch batch)
        {
            using var feeder = InputFeeder.For(Objective.Objective, Student, Teacher, StudentTaps, TeacherTaps, Extras, batch.Input);
            return DryRun(feeder, batch);
        }

        /// <summary>Saves the student's weights for PyTorch and TorchSharp users; see <see cref="ModelExport"/>.</summary>
        public void ExportStudent(string path) => ModelExport.Save(Student, path);

        private bool Stopped(TrainingState state) => state.Interrupted || StopAfterSteps > 0 && state.GlobalStep >= StopAfterSteps;

        private InputFeeder Prepare(IBatchSource data)
        {
            using var scope = NewDisposeScope();
            // Held open through the dry run: a DataLoader disposes its batch when its enumerator ends.
            using var batches = data.Epoch(0, 0).GetEnumerator();
            if (!batches.MoveNext()) throw new ArgumentException("the data source gave no batch for epoch 0.");
            var batch = OnDevice(batches.Current);
            var feeder = InputFeeder.For(Objective.Objective, Student, Teacher, StudentTaps, TeacherTaps, Extras, batch.Input);
            try { DryRun(feeder, batch); }
            catch { feeder.Dispose(); throw; }
            return feeder;
        }

        private Dictionary<string, long[]> DryRun(InputFeeder feeder, Batch batch)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var modules = new List<Module> { Student };
            modules.AddRange(feeder.Extras.SelectMany(x => x.Trainable));
            var modes = modules.Select(m => m.training).ToList();
            var engine = Objective.Objective;
            bool training = engine.Training;
            foreach (var m in modules) m.eval();
            engine.Training = false;
            try
            {
                var inputs = feeder.Feed(OnDevice(batch));
                try { Objective.Compute(inputs, TrainingProgress.At(0, 0, 1, 1)).Total.Dispose(); }
                catch (TermInputException e)
                {
                    string prefix = $"{e.Term}: input '{e.Input}': ";
                    string problem = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message.Substring(prefix.Length) : e.Message;
                    throw new UnsatisfiableInputException(e.Term, e.Input, problem + $" (taps: {string.Join("; ", feeder.Sites)})", FixFor(e.Input));
                }
                return inputs.ToDictionary(kv => kv.Key, kv => kv.Value.shape, StringComparer.Ordinal);
            }
            finally
            {
                engine.Training = training;
                for (int i = 0; i < modules.Count; i++) modules[i].train(modes[i]);
            }
        }

        private static string FixFor(string input) =>
            input == InputFeeder.Labels ? "give int64 class indices, one per row of the batch."
            : input.StartsWith("Student", StringComparison.Ordinal) || input.StartsWith("Teacher", StringComparison.Ordinal)
                ? "tap modules whose outputs fit this term (Taps.Paths, Taps.Embedding, or the recipe's at = …), or give the student a layer of the teacher's width."
                : "feed a tensor of the shape the term documents (`distill explain` lists each term's inputs).";

        private List<Parameter> TrainedParameters(InputFeeder feeder)
        {
            var parameters = Student.parameters().ToList();
            var seen = new HashSet<IntPtr>(parameters.Select(p => p.Handle));
            foreach (var module in feeder.Extras.SelectMany(x => x.Trainable))
                foreach (var p in module.parameters())
                    if (seen.Add(p.Handle)) parameters.Add(p);
            return parameters;
        }

        /// <summary>One optimiser step; also how many of the batch's rows the student got right (before the update), when the recipe reads its logits and the labels.</summary>
        private (StepMetrics Step, long Correct, long Seen, bool Stop) Step(InputFeeder feeder, IEnumerator<Batch> batches, List<Parameter> parameters, OptimizerHelper optimizer,
                                 lr_scheduler.LRScheduler? scheduler, TrainingProgress progress, int epoch, int index)
        {
            using var scope = NewDisposeScope();
            if (!batches.MoveNext())
                throw new InvalidOperationException($"the data source ended at batch {index} of epoch {epoch + 1}, but said it has {progress.StepsPerEpoch} a epoch.");
            Student.train();
            foreach (var module in feeder.Extras.SelectMany(x => x.Trainable)) module.train();
            DataParallel.BroadcastBuffers(Group, Student);
            var inputs = feeder.Feed(DataParallel.Shard(Group, OnDevice(batches.Current)));
            // Train accuracy counts this rank's shard; the counts are summed over the ranks with the metrics below.
            long correct = 0, seen = 0;
            if (inputs.TryGetValue(StudentLogits, out var logits) && inputs.TryGetValue(InputFeeder.Labels, out var labels) && logits.dim() == 2)
                using (no_grad())
                {
                    correct = logits.argmax(1).eq(labels).sum().item<long>();
                    seen = labels.shape[0];
                }
            using var result = Objective.Compute(inputs, progress);
            var shares = MeasuresShare(progress, index) ? GradShares(result) : null;
            double lr = optimizer.ParamGroups.First().LearningRate;
            optimizer.zero_grad();
            result.Total.backward();
            DataParallel.AverageGradients(Group, parameters);
            optimizer.step();
            scheduler?.step();
            var terms = result.Terms.Select((t, i) => new TermMetric(t.Name, t.Weight, t.Raw, shares?[i] ?? double.NaN)).ToList();
            var local = new StepMetrics(epoch, progress.Step + 1, result.Total.to_type(ScalarType.Float64).item<double>(), lr, terms);
            var (step, allCorrect, allSeen, stop) = DataParallel.Reduce(Group, local, correct, seen, Stop.IsCancellationRequested);
            if (!double.IsFinite(step.Total))
                throw new InvalidOperationException($"the loss is {step.Total} at step {step.Step} ({string.Join(", ", step.Terms.Select(t => $"{t.Name} {t.Raw}"))}); "
                                                    + "training diverged: lower --lr or a term's weight, or resume from the last checkpoint.");
            return (step, allCorrect, allSeen, stop);
        }

        private const string StudentLogits = "StudentLogits";

        private bool MeasuresShare(TrainingProgress progress, int index) =>
            GradShareEvery > 0 ? (progress.Step + 1) % GradShareEvery == 0 : GradShareEvery == 0 && index == progress.StepsPerEpoch - 1;

        /// <summary>
        /// Each term's ‖∂(weight·value)/∂θ‖ over the student's parameters θ, as a share of the sum over terms (a skipped
        /// term or one that does not reach the student has 0). torch.autograd.grad keeps the graph and leaves .grad alone.
        /// </summary>
        private double[] GradShares(LossResult result)
        {
            var parameters = Student.parameters().Where(p => p.requires_grad).Cast<Tensor>().ToList();
            var norms = new double[result.Terms.Count];
            for (int i = 0; i < norms.Length; i++)
            {
                var term = result.Terms[i];
                if (term.Graph is null || term.Weight == 0 || !term.Graph.requires_grad) continue;
                using var scope = NewDisposeScope();
                // 0 × Σθ reaches every parameter, so none is unused (TorchSharp cannot wrap the undefined gradients
                // allow_unused gives) and the gradient is the term's alone.
                var anchor = parameters.Select(p => p.sum()).Aggregate((a, b) => a + b) * 0;
                var grads = torch.autograd.grad([term.Graph * term.Weight + anchor], parameters, retain_graph: true);
                double squares = 0;
                foreach (var g in grads) squares += g.to_type(ScalarType.Float64).square().sum().item<double>();
                norms[i] = Math.Sqrt(squares);
            }
            double total = norms.Sum();
            return norms.Select(n => total > 0 ? n / total : double.NaN).ToArray();
        }

        private void EndEpoch(TrainingState state, int epoch)
        {
            var (accuracy, loss) = Score?.Invoke() ?? (Evaluate?.Invoke() ?? double.NaN, double.NaN);
            var metrics = new EpochMetrics(epoch + 1, state.EpochLossSum / Math.Max(1, state.EpochLossCount), accuracy, state.ElapsedSeconds,
                                           state.EpochSeen == 0 ? double.NaN : (double)state.EpochCorrect / state.EpochSeen, loss);
            state.Epochs.Add(metrics);
            state.EpochLossSum = 0;
            state.EpochLossCount = 0;
            state.EpochCorrect = 0;
            state.EpochSeen = 0;
            RootObserver?.OnEpoch(metrics);
        }

        private Batch OnDevice(Batch batch) =>
            Device is null ? batch : new Batch(batch.Input.to(Device), batch.Labels?.to(Device));
    }
}
