namespace Distill.Generators
{
    /// <summary>The consuming project's <c>RootNamespace</c> and <c>ProjectDir</c> (compiler-visible MSBuild properties).</summary>
    internal sealed record ProjectOptions(string RootNamespace, string ProjectDir);
}
