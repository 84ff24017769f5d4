namespace Distill.Runtime.Tests.Fixtures;

/// <summary>Declared out of value and alphabetical order: the catalogue must keep declaration order.</summary>
public enum ProbeMode
{
    Sum = 2,
    Mean = 0,
    BatchMean = 1,
}
