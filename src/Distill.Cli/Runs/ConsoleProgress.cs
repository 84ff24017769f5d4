using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Distill.Training;
using Distill.Training.Data;
using Distill.Training.Models;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Distill.Cli.Runs
{
    /// <summary>
    /// Shows a run on the console: on a terminal, a live progress bar with a per-term table (weight,
    /// raw and weighted value) refreshed about ten times a second; when output is redirected,
    /// plain lines (four per epoch and one per epoch end). Both show elapsed time, steps per second
    /// (of this session, so a resumed run's rate is its own) and the time left, with numbers in
    /// plain notation (<see cref="Human"/>).
    /// </summary>
    public sealed class ConsoleProgress(string title, IAnsiConsole console) : ITrainingObserver
    {
        private readonly bool _live = console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        private readonly Stopwatch _sinceRefresh = Stopwatch.StartNew();
        private readonly Stopwatch _clock = new();
        private readonly Dictionary<string, double> _shares = new(StringComparer.Ordinal);
        private long _firstStep;
        private double _elapsedBefore;
        private LiveDisplayContext? _context;
        private StepMetrics? _last;
        private EpochMetrics? _lastEpoch;
        private long _totalSteps;
        private int _stepsPerEpoch;

        public int TotalEpochs { get; init; }

        /// <summary>Runs <paramref name="body"/> (the training) inside the live display when there is one.</summary>
        public T Run<T>(Func<T> body)
        {
            if (!_live) return body();
            T result = default!;
            console.Live(Render()).AutoClear(false).Start(context =>
            {
                _context = context;
                result = body();
                context.UpdateTarget(Render());
            });
            _context = null;
            return result;
        }

        public void OnStart(TrainingState state, int stepsPerEpoch)
        {
            _stepsPerEpoch = stepsPerEpoch;
            _totalSteps = (long)stepsPerEpoch * TotalEpochs;
            _firstStep = state.GlobalStep;
            _elapsedBefore = state.ElapsedSeconds;
            _clock.Restart();
            if (!_live)
                console.WriteLine($"{title}: {TotalEpochs} epochs × {Human.Count(stepsPerEpoch)} steps{(state.GlobalStep > 0 ? $", resuming at step {state.GlobalStep}" : "")}");
        }

        public void OnStep(StepMetrics step)
        {
            _last = step;
            foreach (var t in step.Terms)
                if (double.IsFinite(t.GradShare)) _shares[t.Name] = t.GradShare;
            if (_live)
            {
                if (_sinceRefresh.ElapsedMilliseconds < 100 && step.Step != _totalSteps) return;
                _sinceRefresh.Restart();
                _context?.UpdateTarget(Render());
                return;
            }
            if (step.Step % Math.Max(1, _stepsPerEpoch / 4) != 0) return;
            string terms = string.Join("  ", step.Terms.Select(t => $"{t.Name} {F(t.Raw)}×{F(t.Weight)}"));
            console.WriteLine($"  step {step.Step}/{_totalSteps}  loss {F(step.Total)}  lr {F(step.LearningRate)}  {terms}  {Timing(step.Step)}");
        }

        public void OnEpoch(EpochMetrics epoch)
        {
            _lastEpoch = epoch;
            if (!_live)
            {
                console.WriteLine($"  epoch {epoch.Epoch}/{TotalEpochs}: {EpochLine(epoch)}, {Human.Duration(epoch.Seconds)} elapsed");
                if (_shares.Count > 0) console.WriteLine($"  gradient share: {string.Join(", ", _shares.Select(s => $"{s.Key} {Human.Percent(s.Value)}"))}");
            }
        }

        public void OnCheckpoint(string path) { }

        private IRenderable Render()
        {
            double done = _totalSteps == 0 || _last is null ? 0 : (double)_last.Step / _totalSteps;
            int width = 40, filled = (int)Math.Round(done * width);
            string bar = $"[green]{new string('━', filled)}[/][grey]{new string('━', width - filled)}[/] {done:P0}";
            string where = _last is null ? "starting" : $"epoch {_last.Epoch + 1}/{TotalEpochs}, step {_last.Step}/{_totalSteps}, lr {F(_last.LearningRate)}, {Timing(_last.Step)}";
            var table = new Table().Border(TableBorder.Rounded).AddColumns("term", "weight", "raw", "weighted", "grad share");
            if (_last is not null)
            {
                foreach (var t in _last.Terms) table.AddRow(Markup.Escape(t.Name), F(t.Weight), F(t.Raw), F(t.Weighted), Share(t.Name));
                table.AddRow("[bold]total[/]", "", "", $"[bold]{F(_last.Total)}[/]", "");
            }
            string epoch = _lastEpoch is null ? "" : $"last epoch {_lastEpoch.Epoch}: {EpochLine(_lastEpoch)}";
            return new Rows(new Markup($"[bold]{Markup.Escape(title)}[/]"), new Markup($"{bar}  {where}"), table, new Markup(Markup.Escape(epoch)));
        }

        /// <summary><c>elapsed 1 min 05 s, 12.5 steps/s, 3 min 10 s left</c> at global step <paramref name="step"/>.</summary>
        private string Timing(long step)
        {
            double seconds = _clock.Elapsed.TotalSeconds, rate = (step - _firstStep) / Math.Max(1e-9, seconds);
            return $"elapsed {Human.Duration(_elapsedBefore + seconds)}, {Human.Rate(rate)}, {Human.Duration((_totalSteps - step) / rate)} left";
        }

        private static string EpochLine(EpochMetrics e) =>
            $"train loss {F(e.TrainLoss)}, train accuracy {Human.Percent(e.TrainAccuracy)}, test accuracy {Human.Percent(e.TestAccuracy)}, test loss {F(e.TestLoss)}";

        private string Share(string term) => _shares.TryGetValue(term, out double s) ? Human.Percent(s) : "";

        private static string F(double v) => Human.Number(v);
    }
}
