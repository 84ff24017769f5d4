namespace Distill.Dsl.Catalogue
{
    /// <summary>A weight schedule (<c>warmup</c>, <c>linear</c>, …): a factor in terms of training progress.</summary>
    public sealed record ScheduleSpec(
        string Name,
        string ClrType,
        string Description,
        EquatableArray<ParamSpec> Parameters);
}
