namespace Distill.Cli.Runs
{
    /// <summary>How per-step and per-epoch metrics are written: CSV (one column per term) or JSON Lines.</summary>
    public enum MetricsFormat
    {
        Csv,
        Jsonl,
    }
}
