namespace Distill.Dsl.Binding
{
    /// <summary>
    /// A recipe after binding: Σ weightᵢ(progress) · termᵢ. <see cref="Inputs"/> is the union of
    /// the terms' inputs, distinct by name, sorted by name (ordinal).
    /// </summary>
    public sealed record BoundRecipe(EquatableArray<BoundTerm> Terms, EquatableArray<BoundInput> Inputs);
}
