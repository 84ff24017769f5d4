namespace Distill.Dsl.Catalogue
{
    /// <summary>A loss term the language knows: its DSL name, the C# type that implements it, parameters and inputs.</summary>
    public sealed record TermSpec(
        string Name,
        string ClrType,
        string Description,
        string Paper,
        EquatableArray<ParamSpec> Parameters,
        EquatableArray<InputSpec> Inputs);
}
