using System;
using System.IO;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using TorchSharp;
using TorchSharp.Modules;

namespace Distill.Cli.Runs
{
    /// <summary>
    /// Writes TensorBoard event files into <c>FOLDER/tensorboard</c> with TorchSharp's
    /// <c>torch.utils.tensorboard.SummaryWriter</c> (the port of PyTorch's). Per step: <c>loss/total</c>,
    /// <c>lr</c>, and for every term <c>term/NAME/raw</c>, <c>term/NAME/weighted</c>, <c>term/NAME/weight</c> and, on the
    /// steps that measure it, <c>term/NAME/grad_share</c>;
    /// per epoch, at the epoch's last step: <c>epoch/train_loss</c>, <c>epoch/train_accuracy</c>,
    /// <c>epoch/test_accuracy</c> and <c>epoch/test_loss</c>. On start it deletes the folder's event files and
    /// writes the run's history again from the run state, so a resumed run has one event file with every step
    /// once, as an uninterrupted run would.
    /// </summary>
    public sealed class TensorBoard(string folder) : ITrainingObserver
    {
        public const string FolderName = "tensorboard";

        private SummaryWriter? _writer;
        private int _stepsPerEpoch;

        public string Folder => Path.Combine(folder, FolderName);

        public void OnStart(TrainingState state, int stepsPerEpoch)
        {
            _stepsPerEpoch = stepsPerEpoch;
            if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
            Directory.CreateDirectory(Folder);
            _writer = torch.utils.tensorboard.SummaryWriter(Folder);
            foreach (var step in state.Steps) OnStep(step);
            foreach (var epoch in state.Epochs) OnEpoch(epoch);
        }

        public void OnStep(StepMetrics step)
        {
            if (_writer is null) return;
            int at = checked((int)step.Step);
            Add("loss/total", step.Total, at);
            Add("lr", step.LearningRate, at);
            foreach (var term in step.Terms)
            {
                Add($"term/{term.Name}/raw", term.Raw, at);
                Add($"term/{term.Name}/weighted", term.Weighted, at);
                Add($"term/{term.Name}/weight", term.Weight, at);
                Add($"term/{term.Name}/grad_share", term.GradShare, at);
            }
        }

        public void OnEpoch(EpochMetrics epoch)
        {
            if (_writer is null) return;
            int at = checked(epoch.Epoch * _stepsPerEpoch);
            Add("epoch/train_loss", epoch.TrainLoss, at);
            Add("epoch/train_accuracy", epoch.TrainAccuracy, at);
            Add("epoch/test_accuracy", epoch.TestAccuracy, at);
            Add("epoch/test_loss", epoch.TestLoss, at);
        }

        public void OnCheckpoint(string path) { }

        /// <summary>One scalar; skipped terms (NaN raw value) and metrics an older checkpoint lacks are left out rather than written as NaN.</summary>
        private void Add(string tag, double value, int step)
        {
            if (double.IsFinite(value)) _writer!.add_scalar(tag, (float)value, step);
        }
    }
}
