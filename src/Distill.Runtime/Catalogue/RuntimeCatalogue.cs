using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Distill.Dsl;
using Distill.Dsl.Catalogue;

namespace Distill.Runtime
{
    /// <summary>
    /// The catalogue read by reflection: the <see cref="TermCatalogue"/> the binder checks recipes
    /// against, plus the CLR types that implement each entry (to instantiate them).
    /// <see cref="BuiltIn"/> holds Distill.Runtime's terms and schedules; <see cref="FromAssemblies"/>
    /// adds user terms and schedules from other assemblies.
    /// </summary>
    public sealed class RuntimeCatalogue
    {
        private static readonly Lazy<RuntimeCatalogue> BuiltInCatalogue = new(() => FromAssemblies());
        private readonly Dictionary<string, Type> _types;

        private RuntimeCatalogue(TermCatalogue catalogue, Dictionary<string, Type> types)
        {
            Catalogue = catalogue;
            _types = types;
        }

        /// <summary>Distill.Runtime's own terms and schedules.</summary>
        public static RuntimeCatalogue BuiltIn => BuiltInCatalogue.Value;

        public TermCatalogue Catalogue { get; }

        /// <summary>
        /// Reads every [DistillTerm] and [DistillSchedule] type of Distill.Runtime and of
        /// <paramref name="assemblies"/>, and the taps they declare ([assembly: DistillTaps]). Throws <see cref="CatalogueException"/> listing every type
        /// that breaks a rule, and every term (or schedule) name defined twice.
        /// </summary>
        public static RuntimeCatalogue FromAssemblies(params IEnumerable<Assembly> assemblies)
        {
            var all = new[] { typeof(LossTerm).Assembly }.Concat(assemblies).Distinct().ToList();
            var catalogue = FromTypes(all.SelectMany(CatalogueReader.TypesOf));
            return new RuntimeCatalogue(catalogue.Catalogue.WithTaps(DeclaredTaps(all)), catalogue._types);
        }

        /// <summary>
        /// The taps declared with <see cref="DistillTapsAttribute"/>, as the generator reads them: for each
        /// assembly that declares taps, its own and those of the assemblies it references (the built-in
        /// models). Empty when none declares: taps are then not checked.
        /// </summary>
        public static IEnumerable<string> DeclaredTaps(IEnumerable<Assembly> assemblies)
        {
            foreach (var assembly in assemblies)
            {
                var own = TapsOf(assembly).ToList();
                if (own.Count == 0) continue;
                foreach (var tap in own) yield return tap;
                foreach (var reference in assembly.GetReferencedAssemblies())
                {
                    Assembly loaded;
                    try
                    {
                        loaded = Assembly.Load(reference);
                    }
                    catch (Exception e) when (e is System.IO.IOException or BadImageFormatException)
                    {
                        continue;
                    }
                    foreach (var tap in TapsOf(loaded)) yield return tap;
                }
            }
        }

        private static IEnumerable<string> TapsOf(Assembly assembly) =>
            assembly.GetCustomAttributes<DistillTapsAttribute>().SelectMany(t => t.Taps);

        /// <summary>Reads exactly the [DistillTerm] and [DistillSchedule] types among <paramref name="candidates"/> (others are ignored).</summary>
        public static RuntimeCatalogue FromTypes(params IEnumerable<Type> candidates)
        {
            var problems = new List<string>();
            var terms = new List<TermSpec>();
            var schedules = new List<ScheduleSpec>();
            var types = new Dictionary<string, Type>(StringComparer.Ordinal);
            foreach (var type in candidates.Distinct().OrderBy(CatalogueReader.ClrName, StringComparer.Ordinal))
            {
                if (type.GetCustomAttribute<DistillTermAttribute>(inherit: false) is { } termAttribute
                    && CatalogueReader.ReadTerm(type, termAttribute, problems) is { } term)
                {
                    terms.Add(term);
                    types[term.ClrType] = type;
                }
                if (type.GetCustomAttribute<DistillScheduleAttribute>(inherit: false) is { } scheduleAttribute
                    && CatalogueReader.ReadSchedule(type, scheduleAttribute, problems) is { } schedule)
                {
                    schedules.Add(schedule);
                    types[schedule.ClrType] = type;
                }
            }
            foreach (var clash in terms.Select(t => (Kind: "term", t.Name, t.ClrType))
                         .Concat(schedules.Select(s => (Kind: "schedule", s.Name, s.ClrType)))
                         .GroupBy(n => (n.Kind, n.Name)).Where(g => g.Count() > 1))
                problems.Add($"{clash.Key.Kind} '{clash.Key.Name}' is defined by more than one type: {string.Join(", ", clash.Select(c => c.ClrType))}.");
            if (problems.Count > 0) throw new CatalogueException(problems);
            var catalogue = new TermCatalogue(terms.ToEquatableArray(), schedules.ToEquatableArray()).Normalize();
            return new RuntimeCatalogue(catalogue, types);
        }

        /// <summary>The type implementing a catalogue entry, by its <c>ClrType</c> (as in TermSpec/ScheduleSpec).</summary>
        public Type TypeOf(string clrType) =>
            _types.TryGetValue(clrType, out var type)
                ? type
                : throw new KeyNotFoundException($"No term or schedule type '{clrType}' in this catalogue.");
    }
}
