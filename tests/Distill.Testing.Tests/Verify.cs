using System;
using FsCheck;

namespace Distill.Testing.Tests;

/// <summary>Runs FsCheck properties from facts: that one holds, or that a law refutes a planted bug.</summary>
internal static class Verify
{
    public static void Holds(Property property, int maxTest = 50) =>
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));

    /// <summary>The property fails within <paramref name="maxTest"/> cases; returns FsCheck's report.</summary>
    public static string Refuted(Property property, int maxTest = 100)
    {
        var failure = Record.Exception(() => property.Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest)));
        Assert.True(failure is not null, "the law did not catch the planted bug");
        return failure!.Message;
    }
}
