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
        public Option<string?> Resume { get; } = new("--resume")
        {
            Description = "Continue the run in a folder (default: the --out folder) from its last checkpoint; recipe, teacher, data and settings are read from the folder. Options given as well must match the run (--epochs may be raised).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        public Option<string[]> Set { get; } = Overrides.Option();
        public Option<int> GradShareEvery { get; } = new("--grad-share-every")
        {
            Description = "Measure each term's share of the gradient on the student every N steps (0: once per epoch; -1: never); one extra backward pass per term each time.",
            DefaultValueFactory = _ => 0,
        };
        public Option<bool> Force { get; } = new("--force") { Description = "Delete the run files of an earlier run in the folder and start over." };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Epochs, TeacherEpochs, Batch, Lr, Device, Seed, Data, Out, Metrics, CheckpointEvery, Threads, Limit, Sampler, Resume, Force, Set, GradShareEvery })
                command.Options.Add(option);
        }

        /// <summary>Whether the user typed <paramref name="option"/> (rather than it taking its default).</summary>
        public static bool Given(ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

        /// <summary>What the folder may hold: <c>--resume</c> (continue), <c>--force</c> (start over), or neither (it must be empty).</summary>
        public FolderMode Mode(ParseResult result) => (Given(result, Resume), result.GetValue(Force)) switch
        {
            (true, true) => throw new ArgumentException("--resume and --force contradict each other: --resume continues the run in the folder, --force deletes it."),
            (true, false) => FolderMode.Resume,
            (false, true) => FolderMode.Force,
            _ => FolderMode.Fresh,
        };

        /// <summary>Loads the data, cut to the first <paramref name="limit"/> images of each split when above 0.</summary>
        public static (LabelledImages Train, LabelledImages Test) Load(DataSource source, int limit)
        {
            var (train, test) = FashionMnist.Load(source);
            if (limit <= 0) return (train, test);
            using (train)
            using (test)
                return (train.Slice(0, Math.Min(limit, train.Count)), test.Slice(0, Math.Min(limit, test.Count)));
        }

        /// <summary>
        /// The settings the options make, checked (<see cref="Validate"/>). With <paramref name="recorded"/> (a
        /// resumed run's), options the user did not type keep the recorded value instead of their default.
        /// </summary>
        public TrainSettings Settings(ParseResult result, bool teacher = false, TrainSettings? recorded = null)
        {
            T Pick<T>(Option<T> option, T saved) => recorded is null || Given(result, option) ? result.GetValue(option)! : saved;
            var r = recorded ?? new TrainSettings();
            string sampler = Pick(Sampler, r.Sampler);
            return Validate(new TrainSettings
            {
                Epochs = Pick(teacher ? TeacherEpochs : Epochs, r.Epochs),
                BatchSize = Pick(Batch, r.BatchSize),
                LearningRate = Pick(Lr, r.LearningRate),
                Seed = Pick(Seed, r.Seed),
                Device = Pick(Device, r.Device),
                CheckpointEvery = Pick(CheckpointEvery, r.CheckpointEvery),
                GradShareEvery = Pick(GradShareEvery, r.GradShareEvery),
                Threads = Pick(Threads, r.Threads),
                Ranks = Cluster.Group.Size,
                // A teacher trained here has no teacher of its own to cluster: it gets the auto sampler.
                Sampler = teacher && sampler == "superclass" ? "auto" : sampler,
            }, teacher);
        }

        /// <summary>
        /// Refuses settings that cannot train, naming the option, before any data loads or anything trains:
        /// the one place training options are checked.
        /// </summary>
        public static TrainSettings Validate(TrainSettings s, bool teacher = false)
        {
            if (s.Epochs < 1) throw new ArgumentException($"{(teacher ? "--teacher-epochs" : "--epochs")} must be at least 1, not {s.Epochs}.");
            if (s.BatchSize < 1) throw new ArgumentException($"--batch must be at least 1, not {s.BatchSize}.");
            if (!double.IsFinite(s.LearningRate) || s.LearningRate <= 0)
                throw new ArgumentException($"--lr must be a finite number above 0, not {s.LearningRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            if (s.CheckpointEvery < 0) throw new ArgumentException($"--checkpoint-every must be 0 (epochs only) or more, not {s.CheckpointEvery}.");
            return s;
        }

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
