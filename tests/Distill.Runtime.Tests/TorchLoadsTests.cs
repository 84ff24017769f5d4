using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void Native_library_loads_and_computes()
    {
        using var x = ones(2, 3, dtype: ScalarType.Float64);
        Assert.Equal(6.0, x.sum().item<double>());
    }
}
