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
    /// Arguments against a parameter list: names, duplicates, types, ranges, required parameters and
    /// alternatives (a group: exactly one given). Every parameter comes out in catalogue order,
    /// defaults filled in; an alternative not chosen is left out.
    /// </summary>
    internal sealed partial class Binder
    {
        /// <summary>The bound arguments, and whether every given argument was valid.</summary>
        private (EquatableArray<BoundArgument> Arguments, bool Valid) BindArguments(string owner, TextSpan ownerSpan, EquatableArray<ParamSpec> parameters, EquatableArray<ArgumentSyntax> arguments)
        {
            int errorsBefore = _diagnostics.Count;
            var given = new Dictionary<string, (ArgumentSyntax Syntax, ParamValue? Value)>(StringComparer.Ordinal);
            foreach (var argument in arguments)
            {
                if (argument.Name.Length == 0) continue;
                var parameter = parameters.FirstOrDefault(p => p.Name == argument.Name);
                if (parameter is null)
                {
                    Report(DiagnosticDescriptors.UnknownParameter, argument.NameSpan, argument.Name, owner, ParameterHint(argument.Name, parameters));
                    MarkUsed(argument.Value);
                }
                else if (given.ContainsKey(parameter.Name))
                {
                    Report(DiagnosticDescriptors.DuplicateArgument, argument.NameSpan, argument.Name, owner);
                    MarkUsed(argument.Value);
                }
                else given.Add(parameter.Name, (argument, BindArgument(owner, parameter, argument)));
            }

            if (arguments.All(a => a.Name.Length > 0)) CheckPresence(owner, ownerSpan, parameters, given);
            var bound = new List<BoundArgument>(parameters.Count);
            foreach (var parameter in parameters)
            {
                if (given.TryGetValue(parameter.Name, out var g))
                {
                    if (g.Value is not null) bound.Add(new BoundArgument(parameter.Name, parameter.ClrName, parameter.Kind, g.Value, false));
                }
                else if (parameter.Default is not null && parameter.Group is null)
                    bound.Add(new BoundArgument(parameter.Name, parameter.ClrName, parameter.Kind, parameter.Default, true));
            }
            return (bound.ToEquatableArray(), _diagnostics.Count == errorsBefore);
        }

        private void CheckPresence(string owner, TextSpan ownerSpan, EquatableArray<ParamSpec> parameters, Dictionary<string, (ArgumentSyntax Syntax, ParamValue? Value)> given)
        {
            foreach (var parameter in parameters.Where(p => p.IsRequired && !given.ContainsKey(p.Name)))
                Report(DiagnosticDescriptors.MissingArgument, ownerSpan, owner, parameter.Name);

            foreach (var group in parameters.Where(p => p.Group is not null).GroupBy(p => p.Group))
            {
                var chosen = group.Where(p => given.ContainsKey(p.Name)).ToList();
                if (chosen.Count == 0)
                {
                    var names = group.Select(p => $"'{p.Name}'").ToList();
                    var list = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[names.Count - 1];
                    Report(DiagnosticDescriptors.MissingAlternative, ownerSpan, owner, list);
                }
                foreach (var extra in chosen.Skip(1))
                    Report(DiagnosticDescriptors.ConflictingAlternatives, given[extra.Name].Syntax.NameSpan, chosen[0].Name, extra.Name, owner);
            }
        }

        private static string ParameterHint(string typed, EquatableArray<ParamSpec> parameters)
        {
            if (parameters.IsEmpty) return "; it takes no parameters";
            var closest = Suggestions.Closest(typed, parameters.Select(p => p.Name));
            return closest is not null
                ? $"; did you mean '{closest}'?"
                : "; its parameters are " + string.Join(", ", parameters.Select(p => p.Name));
        }

        /// <summary>The value of one argument, or null after reporting why it does not fit the parameter.</summary>
        private ParamValue? BindArgument(string owner, ParamSpec parameter, ArgumentSyntax argument)
        {
            var syntax = argument.Value;
            if (syntax is ErrorSyntax) return null;
            string? identifier = syntax is NameSyntax n ? n.Name : null;
            double? number = syntax switch
            {
                NumberSyntax num => num.Value,
                NegateSyntax { Operand: NumberSyntax num } => -num.Value,
                _ => null,
            };
            if (identifier is "true" or "false")
            {
                if (parameter.Kind == ParamKind.Bool) return ParamValue.Of(identifier == "true");
                return WrongType(owner, parameter, syntax.Span, $"the boolean {identifier}");
            }

            switch (parameter.Kind)
            {
                case ParamKind.Enum:
                    if (identifier is not null && parameter.EnumValues.Contains(identifier)) return ParamValue.OfIdentifier(identifier);
                    return WrongType(owner, parameter, syntax.Span, Describe(identifier, number));
                case ParamKind.Tap:
                    if (identifier is null) return WrongType(owner, parameter, syntax.Span, Describe(identifier, number));
                    if (_catalogue.Taps.IsEmpty || _catalogue.Taps.Contains(identifier)) return ParamValue.OfIdentifier(identifier);
                    var tap = Suggestions.Closest(identifier, _catalogue.Taps);
                    Report(DiagnosticDescriptors.UnknownTap, syntax.Span, identifier, parameter.Name, owner,
                        tap is not null ? DidYouMean(tap) : "; the project declares " + string.Join(", ", _catalogue.Taps));
                    return null;
            }

            if (identifier is not null)
            {
                if (parameter.Kind == ParamKind.Bool) return WrongType(owner, parameter, syntax.Span, Describe(identifier, null));
                if (!IsLet(identifier))
                {
                    var closest = Suggest(identifier, LetNames);
                    var hint = closest is null ? $"; '{parameter.Name}' of '{owner}' takes {Expected(parameter)} or a let" : DidYouMean(closest);
                    Report(DiagnosticDescriptors.UndefinedLet, syntax.Span, identifier, hint);
                    return null;
                }
                var value = ReferenceLet(identifier, syntax.Span);
                if (value is not ConstValue c) return null;
                number = c.Number;
            }
            if (number is null) return null;
            if (parameter.Kind == ParamKind.Bool) return WrongType(owner, parameter, syntax.Span, Describe(null, number));
            return CheckNumber(owner, parameter, number.Value, syntax.Span);
        }

        private ParamValue? CheckNumber(string owner, ParamSpec parameter, double value, TextSpan span)
        {
            if (parameter.Kind == ParamKind.Integer && Math.Floor(value) != value)
                return WrongType(owner, parameter, span, Describe(null, value));
            bool belowMin = parameter.Min is double min && (parameter.MinInclusive ? value < min : value <= min);
            bool aboveMax = parameter.Max is double max && (parameter.MaxInclusive ? value > max : value >= max);
            if (belowMin || aboveMax)
            {
                Report(DiagnosticDescriptors.ArgumentOutOfRange, span, parameter.Name, owner, parameter.DescribeRange(), ParamValue.FormatNumber(value));
                return null;
            }
            if (parameter.Kind == ParamKind.Integer && TypeRange(parameter.ClrTypeName) is var (lo, hi, text) && (value < lo || value >= hi))
            {
                Report(DiagnosticDescriptors.ArgumentOutOfRange, span, parameter.Name, owner, text, ParamValue.FormatNumber(value));
                return null;
            }
            return ParamValue.Of(value);
        }

        /// <summary>
        /// The values an integer property's CLR type holds, as [lo, hi) in doubles (2⁶³ and 2³¹ are exact, and
        /// the largest double below 2⁶³ is the largest that converts to a long), and as users read it.
        /// </summary>
        private static (double Lo, double Hi, string Text)? TypeRange(string clrTypeName) => clrTypeName.TrimEnd('?') switch
        {
            "int" => (int.MinValue, 2147483648.0, $"in [{int.MinValue}, {int.MaxValue}]"),
            "long" => (long.MinValue, 9223372036854775808.0, $"in [{long.MinValue}, {long.MaxValue}]"),
            _ => null,
        };

        private ParamValue? WrongType(string owner, ParamSpec parameter, TextSpan span, string actual)
        {
            Report(DiagnosticDescriptors.WrongArgumentType, span, parameter.Name, owner, Expected(parameter), actual);
            return null;
        }

        private static string Expected(ParamSpec parameter) => parameter.Kind switch
        {
            ParamKind.Number => "a number",
            ParamKind.Integer => "an integer",
            ParamKind.Bool => "true or false",
            ParamKind.Enum => "one of " + string.Join(", ", parameter.EnumValues),
            _ => "a tap name such as embedding or layer3",
        };

        private static string Describe(string? identifier, double? number) =>
            identifier is not null ? $"'{identifier}'" : number is double v ? ParamValue.FormatNumber(v) : "this value";

        private void MarkUsed(ExpressionSyntax syntax)
        {
            if (syntax is NameSyntax name && _lets.TryGetValue(name.Name, out var state)) state.Used = true;
        }
    }
}
