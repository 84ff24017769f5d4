namespace Distill.Generators
{
    /// <summary>Metadata names of the Distill.Runtime types the generator reads.</summary>
    internal static class KnownNames
    {
        public const string TermAttribute = "Distill.Runtime.DistillTermAttribute";
        public const string ScheduleAttribute = "Distill.Runtime.DistillScheduleAttribute";
        public const string TapsAttribute = "Distill.Runtime.DistillTapsAttribute";
        public const string ParameterAttribute = "Distill.Runtime.TermParameterAttribute";
        public const string InputAttribute = "Distill.Runtime.TermInputAttribute";
        public const string LossTerm = "Distill.Runtime.LossTerm";
        public const string Schedule = "Distill.Runtime.Schedule";
        public const string RuntimeAssembly = "Distill.Runtime";
    }
}
