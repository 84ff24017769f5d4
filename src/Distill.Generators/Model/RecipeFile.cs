namespace Distill.Generators
{
    /// <summary>A <c>.distill</c> additional file: its path as the build gave it, and its text.</summary>
    internal sealed record RecipeFile(string Path, string Text);
}
