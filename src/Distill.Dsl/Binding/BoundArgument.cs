using Distill.Dsl.Catalogue;

namespace Distill.Dsl.Binding
{
    /// <summary>A parameter's value after binding: given in the recipe (or via a let), or its default.</summary>
    public sealed record BoundArgument(string Name, string ClrName, ParamKind Kind, ParamValue Value, bool IsDefault);
}
