using System;
using System.CommandLine;
using System.IO;
using Distill.Cli.Runs;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using Spectre.Console;
using TorchSharp;

namespace Distill.Cli.Commands
{
    /// <summary>
    /// <c>distill eval RUN|CHECKPOINT</c>: test accuracy and mean cross-entropy of a trained model and, for a run
    /// folder with a teacher (or with <c>--teacher</c>), of its teacher. A run folder's data and <c>--limit</c>
    /// are the run's unless given.
    /// </summary>
    internal static class EvalCommand
    {
        public static Command Create()
        {
            var target = new Argument<string>("run") { Description = "A run folder (its checkpoint.ckpt and run.json) or a checkpoint file." };
            var data = new Option<string?>("--data") { Description = "Folder with the Fashion-MNIST IDX files, or 'shipped' (default: the run's data, else as train)." };
            var limit = new Option<int?>("--limit") { Description = "Evaluate on the first N test images (default: the run's --limit, else all)." };
            var teacher = new Option<FileInfo?>("--teacher") { Description = "Also evaluate this teacher checkpoint (default: the run's teacher)." };
            var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
            var command = new Command("eval", "Print test accuracy and loss of a trained student (and its teacher).") { target, data, limit, teacher, device };
            command.SetAction(result => Guard.Run(result, console => Run(console, result.GetValue(target)!, result.GetValue(data), result.GetValue(limit),
                                                                         result.GetValue(teacher)?.FullName, result.GetValue(device)!)));
            return command;
        }

        private static int Run(IAnsiConsole console, string target, string? data, int? limit, string? teacher, string device)
        {
            if (limit < 0) throw new ArgumentException($"--limit must be 0 (all images) or more, not {limit}.");
            RunRecord? record = null;
            string checkpoint = target;
            if (Directory.Exists(target))
            {
                record = RunRecord.Load(target);
                checkpoint = Path.Combine(target, ModelRun.CheckpointFileName);
                if (!File.Exists(checkpoint)) throw new IOException($"{target}: the run has no checkpoint yet ({ModelRun.CheckpointFileName}); nothing to evaluate.");
            }
            else if (!File.Exists(target)) throw new FileNotFoundException($"{target}: neither a run folder nor a checkpoint.");
            teacher ??= record?.Teacher?.Path;
            var source = data is null && record is not null ? record.Data.Source : FashionMnist.Locate(data);
            var used = DataRecord.Of(source, limit ?? record?.Data.Limit ?? 0);
            console.WriteLine($"data: {used.Description}");
            var (train, test) = TrainingOptions.Load(source, used.Limit);
            train.Dispose();
            using (test)
            {
                var on = Devices.Parse(device);
                Score(console, "student", checkpoint, test, on);
                if (teacher is not null) Score(console, "teacher", teacher, test, on);
            }
            return 0;
        }

        private static void Score(IAnsiConsole console, string role, string checkpoint, LabelledImages test, torch.Device device)
        {
            var (model, state) = RunCheckpoint.LoadModel(checkpoint);
            using (model)
            {
                model.to(device);
                var (accuracy, loss) = Evaluation.Score(model, test, device);
                console.WriteLine($"{role}: test accuracy {Human.Percent(accuracy)}, test loss {Human.Number(loss)} on {Human.Count(test.Count)} images; "
                                  + $"{Teachers.Describe(state.Student)} after {Human.Plural(state.Epochs.Count, "epoch")}; {checkpoint} (sha256 {Teachers.Sha256(checkpoint)[..12]})");
            }
        }
    }
}
