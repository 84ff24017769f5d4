using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Diagnostics;
using Distill.Dsl.Syntax;
using Distill.Dsl.Text;

namespace Distill.Dsl.Binding
{
    /// <summary>
    /// Lets: declared in any order, evaluated on first use and memoised, numbers only. A reference
    /// to a let still being evaluated is a cycle, reported once at that reference.
    /// </summary>
    internal sealed partial class Binder
    {
        private const int MaxLetDepth = 200;

        private readonly Dictionary<string, LetState> _lets;
        private readonly List<string> _evaluating = new List<string>();

        private sealed class LetState
        {
            public LetState(LetSyntax syntax) => Syntax = syntax;
            public LetSyntax Syntax { get; }
            public Value? Value { get; set; }
            public bool Used { get; set; }
        }

        private Dictionary<string, LetState> DeclareLets(EquatableArray<LetSyntax> lets)
        {
            var declared = new Dictionary<string, LetState>(StringComparer.Ordinal);
            foreach (var let in lets)
            {
                if (let.Name.Length == 0) continue;
                if (declared.ContainsKey(let.Name))
                {
                    Report(DiagnosticDescriptors.DuplicateLet, let.NameSpan, let.Name);
                    continue;
                }
                string? taken = _catalogue.FindTerm(let.Name) is not null ? "term"
                    : _catalogue.FindSchedule(let.Name) is not null ? "schedule"
                    : let.Name == "true" || let.Name == "false" ? "boolean" : null;
                if (taken is not null) Report(DiagnosticDescriptors.LetNameTaken, let.NameSpan, let.Name, taken);
                declared.Add(let.Name, new LetState(let));
            }
            return declared;
        }

        private IEnumerable<string> LetNames => _lets.Keys;

        private bool IsLet(string name) => _lets.ContainsKey(name);

        /// <summary>The value of a let referenced at <paramref name="reference"/>: a constant or an error.</summary>
        private Value ReferenceLet(string name, TextSpan reference)
        {
            var state = _lets[name];
            state.Used = true;
            if (state.Value is null)
            {
                int cycleStart = _evaluating.IndexOf(name);
                if (cycleStart >= 0)
                {
                    var path = string.Join(" -> ", _evaluating.Skip(cycleStart).Concat(new[] { name }));
                    Report(DiagnosticDescriptors.CyclicLet, reference, name, path);
                    return new ErrorValue(reference);
                }
                if (_evaluating.Count >= MaxLetDepth)
                {
                    Report(DiagnosticDescriptors.NestingTooDeep, reference, MaxLetDepth);
                    return new ErrorValue(reference);
                }
                Evaluate(state);
            }
            return state.Value! with { Span = reference };
        }

        private void Evaluate(LetState state)
        {
            _evaluating.Add(state.Syntax.Name);
            var value = BindExpression(state.Syntax.Value);
            _evaluating.RemoveAt(_evaluating.Count - 1);
            switch (value)
            {
                case SumValue sum:
                    Report(DiagnosticDescriptors.LetHoldsTerm, state.Syntax.Value.Span, state.Syntax.Name, "term", sum.Terms[0].Spec.Name);
                    value = new ErrorValue(value.Span);
                    break;
                case ScheduleValue schedule:
                    Report(DiagnosticDescriptors.LetHoldsTerm, state.Syntax.Value.Span, state.Syntax.Name, "schedule", schedule.Schedule.Name);
                    value = new ErrorValue(value.Span);
                    break;
            }
            state.Value = value;
        }

        /// <summary>The folded value of every let that is a number, by name; a let with an error is left out.</summary>
        public static IReadOnlyDictionary<string, double> FoldLets(RecipeSyntax recipe, TermCatalogue catalogue)
        {
            var binder = new Binder(catalogue, recipe);
            binder.FinishLets();
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var let in binder._lets)
            {
                if (let.Value.Value is ConstValue constant) values[let.Key] = constant.Number;
            }
            return values;
        }

        /// <summary>Evaluates lets nothing referenced (so their own errors show) and warns that they are unused.</summary>
        private void FinishLets()
        {
            foreach (var state in _lets.Values)
            {
                if (state.Value is null) Evaluate(state);
            }
            foreach (var state in _lets.Values)
            {
                if (!state.Used) Report(DiagnosticDescriptors.UnusedLet, state.Syntax.NameSpan, state.Syntax.Name);
            }
        }
    }
}
