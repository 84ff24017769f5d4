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
        /// <paramref name="assemblies"/>. Throws <see cref="CatalogueException"/> listing every type
        /// that breaks a rule, and every term (or schedule) name defined twice.
        /// </summary>
        public static RuntimeCatalogue FromAssemblies(params IEnumerable<Assembly> assemblies) =>
            FromTypes(new[] { typeof(LossTerm).Assembly }.Concat(assemblies).Distinct().SelectMany(CatalogueReader.TypesOf));

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
