using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl;
using Distill.Dsl.Binding;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Text;

namespace Distill.Runtime.Tests;

/// <summary>
/// Builds bound recipes by hand from a catalogue (defaults filled in, inputs from role × tap), so
/// the loader can be tested apart from the parser and binder.
/// </summary>
internal static class TestRecipes
{
    public static BoundRecipe Recipe(params BoundTerm[] terms) => new(
        terms.ToEquatableArray(),
        terms.SelectMany(t => t.Inputs).DistinctBy(i => i.Name).OrderBy(i => i.Name, StringComparer.Ordinal).ToEquatableArray());

    public static BoundTerm Term(RuntimeCatalogue catalogue, string name, double weight = 1, BoundSchedule? schedule = null,
        params (string Name, ParamValue Value)[] given)
    {
        var spec = catalogue.Catalogue.FindTerm(name)!;
        var arguments = Arguments(spec.Parameters, given);
        var inputs = spec.Inputs.Select(i =>
        {
            string tap = i.TapParameter is null ? i.Tap : arguments.Single(a => a.Name == i.TapParameter).Value.Identifier;
            return new BoundInput(InputNames.Of(i.Role, tap), i.Role, tap, i.Kind);
        });
        string display = given.Length == 0 ? name : $"{name}({string.Join(", ", given.Select(g => $"{g.Name}={g.Value}"))})";
        return new BoundTerm(name, spec.ClrType, display, arguments, weight, schedule, inputs.ToEquatableArray(), new TextSpan(0, 0));
    }

    public static BoundSchedule Schedule(RuntimeCatalogue catalogue, string name, params (string Name, ParamValue Value)[] given)
    {
        var spec = catalogue.Catalogue.FindSchedule(name)!;
        return new BoundSchedule(name, spec.ClrType, Arguments(spec.Parameters, given), new TextSpan(0, 0));
    }

    private static EquatableArray<BoundArgument> Arguments(IEnumerable<ParamSpec> parameters, (string Name, ParamValue Value)[] given)
    {
        var result = new List<BoundArgument>();
        foreach (var p in parameters)
        {
            var match = given.Where(g => g.Name == p.Name).Select(g => g.Value).FirstOrDefault();
            if (match is not null) result.Add(new BoundArgument(p.Name, p.ClrName, p.Kind, match, false));
            else if (p.Default is not null) result.Add(new BoundArgument(p.Name, p.ClrName, p.Kind, p.Default, true));
        }
        return result.ToEquatableArray();
    }
}
