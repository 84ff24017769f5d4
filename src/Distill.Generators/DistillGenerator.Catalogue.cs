using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Distill.Dsl;
using Distill.Dsl.Catalogue;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Distill.Generators
{
    public sealed partial class DistillGenerator
    {
        /// <summary>
        /// Terms and schedules of referenced assemblies: Distill.Runtime's built-ins and any library
        /// of terms that references it. Runs on every compilation; its equatable result keeps the
        /// rest of the pipeline cached when it is unchanged.
        /// </summary>
        private static EquatableArray<CatalogueEntry> ReadReferencedCatalogue(Compilation compilation, CancellationToken cancellationToken)
        {
            try
            {
                var entries = new List<CatalogueEntry>();
                var assemblies = compilation.SourceModule.ReferencedAssemblySymbols
                    .Where(a => a.Name == KnownNames.RuntimeAssembly || a.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == KnownNames.RuntimeAssembly)))
                    .OrderBy(a => a.Name, StringComparer.Ordinal);
                foreach (var assembly in assemblies)
                    CollectTypes(assembly.GlobalNamespace, entries, cancellationToken);
                return entries.ToEquatableArray();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return EquatableArray.Create(new CatalogueEntry(null, null, EquatableArray.Create(GeneratorDiagnostics.Internal(null, e))));
            }
        }

        private static void CollectTypes(INamespaceOrTypeSymbol container, List<CatalogueEntry> entries, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in container.GetMembers())
            {
                if (member is INamespaceSymbol ns)
                {
                    CollectTypes(ns, entries, cancellationToken);
                    continue;
                }
                if (member is not INamedTypeSymbol type) continue;
                foreach (var attribute in type.GetAttributes())
                {
                    if (SymbolCatalogueReader.Is(attribute, KnownNames.TermAttribute)) entries.Add(SymbolCatalogueReader.ReadTerm(type, attribute));
                    else if (SymbolCatalogueReader.Is(attribute, KnownNames.ScheduleAttribute)) entries.Add(SymbolCatalogueReader.ReadSchedule(type, attribute));
                }
                CollectTypes(type, entries, cancellationToken);
            }
        }

        private static bool IsClass(SyntaxNode node, CancellationToken cancellationToken) => node is ClassDeclarationSyntax;

        /// <summary>A <c>[DistillTerm]</c> class in the user's source: same rules as the built-ins.</summary>
        private static CatalogueEntry ReadDeclaredTerm(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            ReadDeclared(context, SymbolCatalogueReader.ReadTerm);

        /// <summary>A <c>[DistillSchedule]</c> class in the user's source.</summary>
        private static CatalogueEntry ReadDeclaredSchedule(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
            ReadDeclared(context, SymbolCatalogueReader.ReadSchedule);

        private static CatalogueEntry ReadDeclared(GeneratorAttributeSyntaxContext context, Func<INamedTypeSymbol, AttributeData, CatalogueEntry> read)
        {
            try
            {
                return read((INamedTypeSymbol)context.TargetSymbol, context.Attributes[0]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new CatalogueEntry(null, null, EquatableArray.Create(GeneratorDiagnostics.Internal(null, e)));
            }
        }

        /// <summary>Referenced and declared entries in one normalised catalogue; a repeated name is reported and the later type left out.</summary>
        private static CatalogueResult MergeCatalogue(
            ((EquatableArray<CatalogueEntry> Referenced, ImmutableArray<CatalogueEntry> Terms) Left, ImmutableArray<CatalogueEntry> Schedules) input,
            CancellationToken cancellationToken)
        {
            var entries = input.Left.Referenced.Concat(input.Left.Terms).Concat(input.Schedules).ToList();
            var diagnostics = entries.SelectMany(e => e.Diagnostics).ToList();
            var terms = new List<TermSpec>();
            var schedules = new List<ScheduleSpec>();
            foreach (var entry in entries)
            {
                if (entry.Term is { } term)
                {
                    var other = terms.FirstOrDefault(t => t.Name == term.Name);
                    if (other is null) terms.Add(term);
                    else diagnostics.Add(GeneratorDiagnostics.DuplicateName(entry.Location, "term", term.Name, term.ClrType, other.ClrType));
                }
                if (entry.Schedule is { } schedule)
                {
                    var other = schedules.FirstOrDefault(s => s.Name == schedule.Name);
                    if (other is null) schedules.Add(schedule);
                    else diagnostics.Add(GeneratorDiagnostics.DuplicateName(entry.Location, "schedule", schedule.Name, schedule.ClrType, other.ClrType));
                }
            }
            var catalogue = new TermCatalogue(terms.ToEquatableArray(), schedules.ToEquatableArray()).Normalize();
            return new CatalogueResult(catalogue, diagnostics.ToEquatableArray());
        }

        /// <summary>
        /// The taps the project declares (<c>[assembly: DistillTaps(...)]</c> in its own code) and, only
        /// then, those its references declare (the built-in models); empty when the project declares
        /// none, which leaves taps unchecked.
        /// </summary>
        private static EquatableArray<string> ReadDeclaredTaps(Compilation compilation, CancellationToken cancellationToken)
        {
            var own = TapsOf(compilation.Assembly).ToList();
            if (own.Count == 0) return EquatableArray<string>.Empty;
            return own.Concat(compilation.SourceModule.ReferencedAssemblySymbols.SelectMany(TapsOf))
                .Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToEquatableArray();
        }

        private static IEnumerable<string> TapsOf(IAssemblySymbol assembly) =>
            assembly.GetAttributes()
                .Where(a => SymbolCatalogueReader.Is(a, KnownNames.TapsAttribute))
                .SelectMany(a => a.ConstructorArguments.SelectMany(c => c.Kind == TypedConstantKind.Array ? c.Values : ImmutableArray.Create(c)))
                .Select(c => c.Value as string)
                .OfType<string>();

        private static CatalogueResult AddTaps((CatalogueResult Result, EquatableArray<string> Taps) input, CancellationToken cancellationToken) =>
            input.Taps.IsEmpty ? input.Result : input.Result with { Catalogue = input.Result.Catalogue.WithTaps(input.Taps) };

        private static TermCatalogue SelectTerms(CatalogueResult result, CancellationToken cancellationToken) => result.Catalogue;

        private static EquatableArray<DiagnosticInfo> SelectDiagnostics(CatalogueResult result, CancellationToken cancellationToken) => result.Diagnostics;
    }
}
