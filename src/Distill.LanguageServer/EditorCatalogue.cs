using System;
using System.Collections.Generic;
using System.Linq;
using Distill.Dsl;
using Distill.Dsl.Catalogue;

namespace Distill.LanguageServer;

/// <summary>
/// What the editor may offer: the term catalogue the build checks against (built-ins plus the
/// user's own <c>[DistillTerm]</c> types) and the feature taps the project's models expose.
/// </summary>
public sealed record EditorCatalogue(TermCatalogue Terms, EquatableArray<string> Taps)
{
    /// <summary>A catalogue whose taps are those its terms name as defaults (<c>logits</c>, <c>embedding</c>, …).</summary>
    public static EditorCatalogue Of(TermCatalogue terms, IEnumerable<string>? declaredTaps = null) => new(
        terms,
        terms.Terms.SelectMany(t => t.Inputs).Where(i => i.TapParameter is not null).Select(i => i.Tap)
            .Concat(terms.Taps)
            .Concat(declaredTaps ?? Enumerable.Empty<string>())
            .Distinct(StringComparer.Ordinal)
            .OrderBy(t => t, StringComparer.Ordinal)
            .ToEquatableArray());

    /// <summary>The term or schedule's parameters by its name, or null when it is neither.</summary>
    internal EquatableArray<ParamSpec>? ParametersOf(string name) =>
        Terms.FindTerm(name)?.Parameters ?? Terms.FindSchedule(name)?.Parameters;
}
