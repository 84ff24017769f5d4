namespace Distill.Runtime.Tests.Fixtures;

/// <summary>A base class with a parameter: the catalogue lists base-class parameters first.</summary>
public abstract class ProbeBase : LossTerm
{
    [TermParameter(Default = 0.0, Description = "added to the loss")]
    public double Offset { get; set; }
}
