using Distill.Dsl.Catalogue;

namespace Distill.Dsl.Binding
{
    /// <summary>A tensor the recipe needs, e.g. Name "StudentLayer3" (role "student", tap "layer3").</summary>
    public sealed record BoundInput(string Name, string Role, string Tap, InputKind Kind);
}
