namespace Distill.Runtime
{
    /// <summary>
    /// Which rows a batch-relational term relates when training runs data-parallel over several
    /// processes (docs/distributed.md). Declared by a term in <see cref="DistillTermAttribute.Gather"/>
    /// (its default) and set per term in recipes with <c>gather = global</c> or <c>gather = local</c>.
    /// With one process both modes give the same numbers.
    /// </summary>
    public enum GatherMode
    {
        /// <summary>A row-wise term (a mean of per-row losses): sharding the batch does not change it; no <c>gather</c> parameter.</summary>
        None = 0,
        /// <summary>Every rank's rows are all-gathered (differentiably for its own rows): the loss of the whole global batch.</summary>
        Global = 1,
        /// <summary>Each rank relates its own rows only; the loss is the mean over ranks of the per-rank losses.</summary>
        Local = 2,
    }
}
