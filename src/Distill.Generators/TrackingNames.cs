namespace Distill.Generators
{
    /// <summary>The names of the generator's pipeline steps, for incremental-step tests.</summary>
    public static class TrackingNames
    {
        public const string ReferencedCatalogue = nameof(ReferencedCatalogue);
        public const string DeclaredTerms = nameof(DeclaredTerms);
        public const string DeclaredSchedules = nameof(DeclaredSchedules);
        public const string DeclaredTaps = nameof(DeclaredTaps);
        public const string Catalogue = nameof(Catalogue);
        public const string Options = nameof(Options);
        public const string RecipeFile = nameof(RecipeFile);
        public const string Compile = nameof(Compile);
        public const string Emit = nameof(Emit);
    }
}
