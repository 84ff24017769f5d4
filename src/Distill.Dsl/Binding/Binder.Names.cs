using System.Collections.Generic;
using System.Linq;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Diagnostics;
using Distill.Dsl.Syntax;
using Distill.Dsl.Text;

namespace Distill.Dsl.Binding
{
    /// <summary>
    /// Names: a bare name is a let if one is declared, else a term or schedule; a call is always a
    /// term or schedule. An unknown name inside a let's value is reported as an undefined let.
    /// </summary>
    internal sealed partial class Binder
    {
        /// <summary>Did-you-mean lookups per recipe: past this many unknown names, no more suggestions (keeps a file of near-misses linear).</summary>
        public const int MaxSuggestionLookups = 100;

        private int _suggestionLookups;

        private string? Suggest(string typed, IEnumerable<string> candidates) =>
            ++_suggestionLookups > MaxSuggestionLookups ? null : Suggestions.Closest(typed, candidates);

        private Value BindName(NameSyntax name)
        {
            if (IsLet(name.Name)) return ReferenceLet(name.Name, name.Span);
            return BindCallee(name.Name, name.Span, EquatableArray<ArgumentSyntax>.Empty, name.Span, includeLets: true);
        }

        private Value BindCall(CallSyntax call) =>
            BindCallee(call.Name, call.NameSpan, call.Arguments, call.Span, includeLets: false);

        private Value BindCallee(string name, TextSpan nameSpan, EquatableArray<ArgumentSyntax> arguments, TextSpan span, bool includeLets)
        {
            var term = _catalogue.FindTerm(name);
            if (term is not null)
            {
                var (bound, valid) = BindArguments(name, nameSpan, term.Parameters, arguments);
                return new SumValue(new[] { new WeightedTerm(1, null, term, bound, span, valid) }, span);
            }
            var schedule = _catalogue.FindSchedule(name);
            if (schedule is not null)
            {
                var (bound, _) = BindArguments(name, nameSpan, schedule.Parameters, arguments);
                return new ScheduleValue(1, new BoundSchedule(schedule.Name, schedule.ClrType, bound, span), span);
            }
            ReportUnknown(name, nameSpan, includeLets);
            foreach (var argument in arguments) MarkUsed(argument.Value);
            return new ErrorValue(span);
        }

        /// <summary>Unknown name: the message follows the nearest known name (term, schedule or let).</summary>
        private void ReportUnknown(string name, TextSpan span, bool includeLets)
        {
            var terms = _catalogue.Terms.Select(t => t.Name).ToList();
            var schedules = _catalogue.Schedules.Select(s => s.Name).ToList();
            var lets = includeLets ? LetNames.ToList() : new List<string>();
            var closest = Suggest(name, terms.Concat(schedules).Concat(lets));
            if (_evaluating.Count > 0 && (closest is null || lets.Contains(closest)))
                Report(DiagnosticDescriptors.UndefinedLet, span, name, DidYouMean(closest));
            else if (closest is null)
            {
                string known = terms.Count == 0 ? "; the catalogue has no terms" : "; known terms: " + string.Join(", ", terms);
                Report(DiagnosticDescriptors.UnknownTerm, span, name, known);
            }
            else if (lets.Contains(closest) && !terms.Contains(closest) && !schedules.Contains(closest))
                Report(DiagnosticDescriptors.UndefinedLet, span, name, DidYouMean(closest));
            else if (schedules.Contains(closest) && !terms.Contains(closest))
                Report(DiagnosticDescriptors.UnknownSchedule, span, name, DidYouMean(closest));
            else
                Report(DiagnosticDescriptors.UnknownTerm, span, name, DidYouMean(closest));
        }

        private static string DidYouMean(string? suggestion) => suggestion is null ? "" : $"; did you mean '{suggestion}'?";
    }
}
