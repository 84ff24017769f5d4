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
    /// Turns a syntax tree into the normalised weighted sum: resolves names and lets, folds
    /// constants, distributes weights over groups, checks arguments against the catalogue. Reports
    /// every problem it finds and keeps going; chains of operators are folded without recursion.
    /// </summary>
    internal sealed partial class Binder
    {
        private readonly TermCatalogue _catalogue;
        private readonly List<DistillDiagnostic> _diagnostics = new List<DistillDiagnostic>();

        private Binder(TermCatalogue catalogue, RecipeSyntax recipe)
        {
            _catalogue = catalogue;
            _lets = DeclareLets(recipe.Lets);
        }

        /// <summary>The assembled recipe (null without terms), also when there are errors: then it holds the terms that bound, for tools that show what they can.</summary>
        public static (BoundRecipe? Recipe, IReadOnlyList<DistillDiagnostic> Diagnostics) Bind(RecipeSyntax recipe, TermCatalogue catalogue)
        {
            var binder = new Binder(catalogue, recipe);
            var terms = recipe.Body is null ? new List<WeightedTerm>() : binder.BindSum(recipe.Body);
            binder.FinishLets();
            if (recipe.Body is null) binder.Report(DiagnosticDescriptors.NoLossTerm, recipe.Span);
            var bound = terms.Count == 0 ? null : RecipeAssembler.Assemble(terms, binder._diagnostics);
            return (bound, binder._diagnostics);
        }

        /// <summary>
        /// The top-level sum: each summand must be (weighted) terms. A number or a schedule standing
        /// there is reported even when its neighbours have errors.
        /// </summary>
        private List<WeightedTerm> BindSum(ExpressionSyntax body) => GatherTerms(BindSummands(body));

        /// <summary>The terms of bound summands; a number or a schedule standing among them is reported.</summary>
        private List<WeightedTerm> GatherTerms(IEnumerable<Value> values)
        {
            var terms = new List<WeightedTerm>();
            foreach (var value in values)
            {
                switch (value)
                {
                    case ConstValue c:
                        Report(DiagnosticDescriptors.NumberAlone, c.Span, ParamValue.FormatNumber(Math.Abs(c.Number)));
                        break;
                    case ScheduleValue s:
                        Report(DiagnosticDescriptors.ScheduleAlone, s.Schedule.Span, s.Schedule.Name);
                        break;
                    case SumValue sum:
                        terms.AddRange(sum.Terms);
                        break;
                }
            }
            return terms;
        }

        /// <summary>The operands of a chain of <c>+</c> and <c>-</c>, bound in source order, subtracted ones negated.</summary>
        private List<Value> BindSummands(ExpressionSyntax chain)
        {
            var summands = new Stack<(ExpressionSyntax Syntax, bool Negative)>();
            var left = chain;
            while (left is BinarySyntax { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b)
            {
                summands.Push((b.Right, b.Operator == BinaryOperator.Subtract));
                left = b.Left;
            }
            summands.Push((left, false));
            return summands.Select(s =>
            {
                var value = BindExpression(s.Syntax);
                return s.Negative ? Scale(value, -1, value.Span) : value;
            }).ToList();
        }

        /// <summary>
        /// A sum inside a group or a let: numbers fold; terms gather into one list (linear in their
        /// number); a number or schedule added to terms is reported; any error makes it an error.
        /// </summary>
        private Value BindAddition(BinarySyntax chain)
        {
            var values = BindSummands(chain);
            if (values.Any(v => v is ErrorValue)) return new ErrorValue(chain.Span);
            if (values.All(v => v is ConstValue)) return Checked(values.Sum(v => ((ConstValue)v).Number), chain.Span);
            var terms = GatherTerms(values);
            return terms.Count > 0 ? new SumValue(terms, chain.Span) : new ErrorValue(chain.Span);
        }

        private void Report(DiagnosticDescriptor descriptor, TextSpan span, params object[] args) =>
            _diagnostics.Add(descriptor.Create(span, args));

        /// <summary>
        /// The deepest recursion the binder allows, counted in nested <see cref="BindExpression"/> calls across
        /// parentheses, call arguments and let references together (each is bounded on its own, but 200 lets of
        /// 100 parentheses each would multiply). Safe on a 1 MiB stack with a wide margin (a test binds it so).
        /// </summary>
        public const int MaxBindDepth = 1000;

        private int _depth;
        private bool _reportedDepth;

        private Value BindExpression(ExpressionSyntax expression)
        {
            if (_depth >= MaxBindDepth)
            {
                if (!_reportedDepth) Report(DiagnosticDescriptors.NestingTooDeep, expression.Span, MaxBindDepth);
                _reportedDepth = true;
                return new ErrorValue(expression.Span);
            }
            _depth++;
            try
            {
                return BindNested(expression);
            }
            finally
            {
                _depth--;
            }
        }

        private Value BindNested(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case NumberSyntax number:
                    return new ConstValue(number.Value, number.Span);
                case ParenSyntax paren:
                    return BindExpression(paren.Inner) with { Span = paren.Span };
                case NegateSyntax negate:
                    return BindNegation(negate);
                case BinarySyntax { Operator: BinaryOperator.Add or BinaryOperator.Subtract } sum:
                    return BindAddition(sum);
                case BinarySyntax product:
                    return BindProduct(product);
                case NameSyntax name:
                    return BindName(name);
                case CallSyntax call:
                    return BindCall(call);
                default:
                    return new ErrorValue(expression.Span);
            }
        }

        private Value BindNegation(NegateSyntax negate)
        {
            bool negative = false;
            ExpressionSyntax operand = negate;
            while (operand is NegateSyntax inner)
            {
                negative = !negative;
                operand = inner.Operand;
            }
            var value = BindExpression(operand);
            return negative ? Scale(value, -1, negate.Span) : value with { Span = negate.Span };
        }

        /// <summary>
        /// Folds a left-deep chain of <c>*</c> and <c>/</c> left to right, iteratively (precedence
        /// keeps <c>+</c> and <c>-</c> off its left spine).
        /// </summary>
        private Value BindProduct(BinarySyntax binary)
        {
            var rights = new Stack<BinarySyntax>();
            ExpressionSyntax left = binary;
            while (left is BinarySyntax { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } b)
            {
                rights.Push(b);
                left = b.Left;
            }
            var acc = BindExpression(left);
            while (rights.Count > 0)
            {
                var node = rights.Pop();
                acc = Combine(acc, node.Operator, BindExpression(node.Right), node.Span);
            }
            return acc;
        }

        private Value Combine(Value left, BinaryOperator op, Value right, TextSpan span)
        {
            if (left is ErrorValue || right is ErrorValue) return new ErrorValue(span);
            return op == BinaryOperator.Divide ? Divide(left, right, span) : Multiply(left, right, span);
        }

        private Value Multiply(Value left, Value right, TextSpan span)
        {
            switch (left, right)
            {
                case (ConstValue a, ConstValue b):
                    return Checked(a.Number * b.Number, span);
                case (ConstValue a, _):
                    return Scale(right, a.Number, span);
                case (_, ConstValue b):
                    return Scale(left, b.Number, span);
                case (ScheduleValue a, ScheduleValue b):
                    Report(DiagnosticDescriptors.ScheduleTimesSchedule, b.Schedule.Span, a.Schedule.Name, b.Schedule.Name);
                    return a with { Span = span };
                case (ScheduleValue a, SumValue b):
                    return ApplySchedule(b, a, span);
                case (SumValue a, ScheduleValue b):
                    return ApplySchedule(a, b, span);
                default:
                    Report(DiagnosticDescriptors.TermTimesTerm, span);
                    return left with { Span = span };
            }
        }

        private Value Divide(Value left, Value right, TextSpan span)
        {
            if (right is ConstValue divisor)
            {
                if (divisor.Number == 0)
                {
                    Report(DiagnosticDescriptors.DivisionByZero, divisor.Span);
                    return new ErrorValue(span);
                }
                return left is ConstValue a ? Checked(a.Number / divisor.Number, span) : Scale(left, 1 / divisor.Number, span);
            }
            var (kind, name) = right is ScheduleValue s ? ("schedule", s.Schedule.Name) : ("term", ((SumValue)right).Terms[0].Spec.Name);
            Report(left is ConstValue ? DiagnosticDescriptors.NumberDividedByTerm : DiagnosticDescriptors.TermDividedByTerm, right.Span, kind, name);
            return left is ConstValue ? new ErrorValue(span) : left with { Span = span };
        }

        private Value ApplySchedule(SumValue sum, ScheduleValue schedule, TextSpan span)
        {
            var terms = new List<WeightedTerm>(sum.Terms.Count);
            foreach (var term in sum.Terms)
            {
                if (term.Schedule is not null)
                {
                    Report(DiagnosticDescriptors.ScheduleTimesSchedule, schedule.Schedule.Span, term.Schedule.Name, schedule.Schedule.Name);
                    terms.Add(term);
                }
                else terms.Add(term with { Weight = term.Weight * schedule.Weight, Schedule = schedule.Schedule });
            }
            return CheckedWeights(new SumValue(terms, span));
        }

        private Value Scale(Value value, double factor, TextSpan span) => value switch
        {
            ConstValue c => Checked(c.Number * factor, span),
            ScheduleValue s => double.IsInfinity(s.Weight * factor) ? Overflow(span) : new ScheduleValue(s.Weight * factor, s.Schedule, span),
            SumValue sum => CheckedWeights(new SumValue(sum.Terms.Select(t => t with { Weight = t.Weight * factor }).ToList(), span)),
            _ => value with { Span = span },
        };

        private Value Checked(double number, TextSpan span) =>
            double.IsInfinity(number) || double.IsNaN(number) ? Overflow(span) : new ConstValue(number, span);

        private Value CheckedWeights(SumValue sum) =>
            sum.Terms.Any(t => double.IsInfinity(t.Weight) || double.IsNaN(t.Weight)) ? Overflow(sum.Span) : sum;

        private Value Overflow(TextSpan span)
        {
            Report(DiagnosticDescriptors.NumberOverflow, span);
            return new ErrorValue(span);
        }
    }
}
