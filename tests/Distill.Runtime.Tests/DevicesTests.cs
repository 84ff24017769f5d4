using System;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests;

public class DevicesTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void Cpu_parses(string spec) => Assert.Equal(CPU.type, Devices.Parse(spec).type);

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("")]
    public void Unknown_spellings_are_rejected_with_the_valid_ones(string spec)
    {
        var error = Assert.Throws<ArgumentException>(() => Devices.Parse(spec));

        Assert.Contains("cuda:N", error.Message);
    }

    [Fact]
    public void Cuda_without_a_backend_names_the_build_switch_otherwise_an_index_out_of_range_is_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Devices.Parse("cuda:99"));

        Assert.Contains(cuda.is_available() ? "numbered 0 to" : "-p:DistillCuda=true", error.Message);
    }
}
