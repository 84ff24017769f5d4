using System;
using System.CommandLine;
using Distill.Cli.Runs;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Cli.Commands
{
    /// <summary>The options <c>train</c> and <c>demo</c> share, and the settings they make.</summary>
    internal sealed class TrainingOptions
    {
        public TrainingOptions(int epochs, int teacherEpochs, string output)
        {
            Epochs = new Option<int>("--epochs") { Description = "Student training epochs.", DefaultValueFactory = _ => epochs }.InRange(1);
            TeacherEpochs = new Option<int>("--teacher-epochs") { Description = "Epochs for a teacher trained here.", DefaultValueFactory = _ => teacherEpochs }
                .InRange(Math.Min(teacherEpochs, 1)); // 0 is valid where it is the default: demo's "use the shipped teacher"
            Out = new("--out") { Description = "Run folder: recipe, settings, checkpoints, metrics, plots (train: runs/<recipe name> when empty).", DefaultValueFactory = _ => output };
        }

        public Option<int> Epochs { get; }
        public Option<int> TeacherEpochs { get; }
        public Option<string> Out { get; }
        public Option<int> Batch { get; } = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 128 }.InRange(1);
        public Option<double> Lr { get; } = new Option<double>("--lr") { Description = "Peak learning rate (SGD, momentum 0.9, cosine to 0).", DefaultValueFactory = _ => 0.05 }.PositiveFinite();
        public Option<string> Device { get; } = new("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        public Option<int> Seed { get; } = new("--seed") { Description = "Seed for initialisation and batch order.", DefaultValueFactory = _ => 1 };
        public Option<string?> Data { get; } = new("--data") { Description = $"Folder with the four Fashion-MNIST IDX .gz files (default: {FashionMnist.DebianFolder} if installed, else the shipped 10k split); 'shipped' forces the shipped split." };
        public Option<MetricsFormat> Metrics { get; } = new("--metrics") { Description = "Metrics file format.", DefaultValueFactory = _ => MetricsFormat.Csv };
        public Option<int> CheckpointEvery { get; } = new Option<int>("--checkpoint-every") { Description = "Also checkpoint every N steps (0: after each epoch only).", DefaultValueFactory = _ => 0 }.InRange(0);
        public Option<int> Threads { get; } = new Option<int>("--threads") { Description = "libtorch CPU threads (results depend on it; 1 is fastest on a busy machine).", DefaultValueFactory = _ => 1 }.InRange(1, OptionRules.MaxThreads);
        public Option<int> Limit { get; } = new Option<int>("--limit") { Description = "Use only the first N training and N test images (quick runs; 0: all).", DefaultValueFactory = _ => 0 }.InRange(0);
        public Option<string> Sampler { get; } = CreateSampler();
        public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from the run folder's last checkpoint." };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Epochs, TeacherEpochs, Batch, Lr, Device, Seed, Data, Out, Metrics, CheckpointEvery, Threads, Limit, Sampler, Resume })
                command.Options.Add(option);
        }

        /// <summary>Loads the data, cut to <c>--limit</c> images when given.</summary>
        public (LabelledImages Train, LabelledImages Test) Load(ParseResult result, DataSource source)
        {
            var (train, test) = FashionMnist.Load(source);
            int limit = result.GetValue(Limit);
            if (limit <= 0) return (train, test);
            using (train)
            using (test)
                return (train.Slice(0, Math.Min(limit, train.Count)), test.Slice(0, Math.Min(limit, test.Count)));
        }

        public TrainSettings Settings(ParseResult result, bool teacher = false) => new()
        {
            Epochs = result.GetValue(teacher ? TeacherEpochs : Epochs),
            BatchSize = result.GetValue(Batch),
            LearningRate = result.GetValue(Lr),
            Seed = result.GetValue(Seed),
            Device = result.GetValue(Device)!,
            CheckpointEvery = result.GetValue(CheckpointEvery),
            Threads = result.GetValue(Threads),
            Ranks = Cluster.Group.Size,
            // A teacher trained here has no teacher of its own to cluster: it gets the auto sampler.
            Sampler = teacher && result.GetValue(Sampler) == "superclass" ? "auto" : result.GetValue(Sampler)!,
        };

        private static Option<string> CreateSampler()
        {
            var option = new Option<string>("--sampler")
            {
                Description = "Batch sampler: auto (companion for bake, class-uniform for cc, else shuffle), shuffle, class-uniform, superclass (k-means of the teacher's embeddings), companion.",
                DefaultValueFactory = _ => "auto",
            };
            option.AcceptOnlyFromAmong(Batches.Kinds);
            return option;
        }
    }
}
