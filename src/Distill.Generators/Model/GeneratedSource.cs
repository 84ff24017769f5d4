namespace Distill.Generators
{
    /// <summary>One generated file: the class's full name (unique per compilation), the recipe's path and the C# text.</summary>
    internal sealed record GeneratedSource(string FullName, string RecipePath, string Code);
}
