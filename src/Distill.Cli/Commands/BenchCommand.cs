using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Distill.Cli.Bench;
using Distill.Runtime;
using static TorchSharp.torch;

namespace Distill.Cli.Commands
{
    /// <summary>
    /// <c>distill bench</c>: times forward + backward of a recipe (a .distill file or recipe text) per term
    /// and in total on synthesised inputs, mirroring reference/bench_torch.py; optionally reports peak
    /// resident memory, or runs real training steps and reports how resident memory moves.
    /// </summary>
    internal static class BenchCommand
    {
        /// <summary>The largest --batch, --classes or --dim: 2²⁰ (a 2²⁰ × 2²⁰ input would not fit any machine anyway; each is checked up front).</summary>
        public const long MaxSize = 1 << 20;

        public static Command Create()
        {
            var recipe = new Argument<string>("recipe") { Description = "a .distill file, or recipe text such as \"ce + kd(T = 4)\"" };
            var batch = new Option<long[]>("--batch") { Description = "rows N of every plain input; repeatable", DefaultValueFactory = _ => [64, 256], AllowMultipleArgumentsPerToken = true }.EachInRange(1, MaxSize);
            var classes = new Option<long>("--classes") { Description = "logit columns C", DefaultValueFactory = _ => 100 }.InRange(1, MaxSize);
            var dim = new Option<long>("--dim") { Description = "feature columns D", DefaultValueFactory = _ => 128 }.InRange(1, MaxSize);
            var threads = new Option<int>("--threads") { Description = "intra-op threads (torch.set_num_threads)", DefaultValueFactory = _ => 2 }.InRange(1, OptionRules.MaxThreads);
            var reps = new Option<int>("--reps") { Description = "timed runs; the median is printed", DefaultValueFactory = _ => 15 }.InRange(1);
            var warmup = new Option<int>("--warmup") { Description = "untimed runs first (30 by default: .NET recompiles a method optimised after its 30th call; with tiering on, the recompiling thread can still be busy for ~100 more steps, see docs/performance.md)", DefaultValueFactory = _ => 30 }.InRange(0);
            var dtype = new Option<string>("--dtype") { Description = "float32 or float64", DefaultValueFactory = _ => "float32" };
            var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
            var memory = new Option<bool>("--memory") { Description = "print resident and peak resident memory (VmRSS, VmHWM) after each batch size" };
            var steps = new Option<int>("--steps") { Description = "instead of timing, run this many SGD training steps at the first --batch and print RSS at step 100 and after" }.InRange(0);
            var command = new Command("bench", "Time forward + backward of a recipe per term and in total on synthesised inputs.")
            {
                recipe, batch, classes, dim, threads, reps, warmup, dtype, device, memory, steps,
            };
            command.SetAction(r => CliOptions.Guard(r, (output, _) =>
            {
                var shape = new BenchShape(0, r.GetValue(classes), r.GetValue(dim), ParseDType(r.GetValue(dtype) ?? "float32"));
                var options = new BenchOptions(r.GetValue(batch) ?? [64], shape, r.GetValue(threads), new StepTimer(r.GetValue(warmup), r.GetValue(reps)), r.GetValue(memory), r.GetValue(steps));
                return Run(r.GetValue(recipe)!, Devices.Parse(r.GetValue(device) ?? "cpu"), options, output);
            }));
            return command;
        }

        public static int Run(string recipe, Device device, BenchOptions options, TextWriter output)
        {
            if (options.Batches.Count == 0 || options.Batches.Any(n => n < 1)) throw new ArgumentException("--batch needs positive row counts.");
            if (options.Timer.Reps < 1 || options.Timer.Warmup < 0) throw new ArgumentException("--reps must be ≥ 1 and --warmup ≥ 0.");
            if (Directory.Exists(recipe)) throw new ArgumentException($"{Path.GetFullPath(recipe)} is a folder; expected a .distill file or recipe text.");
            bool isFile = File.Exists(recipe);
            var result = isFile ? Objective.TryLoad(recipe, device) : Objective.TryParse(recipe, device, path: "recipe");
            foreach (var line in result.FormattedDiagnostics) output.WriteLine(line);
            if (result.Objective is not { } objective) return 1;
            set_num_threads(options.Threads);
            var shape = options.Shape with { Rows = options.Batches[0] };
            output.WriteLine(MachineInfo.Describe(shape));
            output.WriteLine($"recipe: {(isFile ? recipe + ": " : "")}{objective.Source.Trim()}");
            output.WriteLine($"classes={shape.Classes}, feature dim={shape.Features}, device={objective.Device}");
            if (options.Steps > 0)
            {
                TrainingRun.Run(objective, shape, options.Steps, output);
                return 0;
            }
            output.WriteLine($"median of {options.Timer.Reps} fwd+bwd runs after {options.Timer.Warmup} warm-up runs");
            TimingTable.Run(objective, options.Batches, options.Shape, options.Timer, options.Memory, output);
            return 0;
        }

        private static ScalarType ParseDType(string name) => name switch
        {
            "float32" or "float" => ScalarType.Float32,
            "float64" or "double" => ScalarType.Float64,
            _ => throw new ArgumentException($"--dtype {name}: expected float32 or float64."),
        };
    }
}
