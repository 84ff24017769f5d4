using Distill.Cli.Runs;

namespace Distill.Cli.Tests;

public sealed class HumanTests
{
    [Theory]
    [InlineData(3.209e-5, "3.21e-05")]
    [InlineData(0.05, "0.05")]
    [InlineData(0.032094, "0.03209")]
    [InlineData(2.33412, "2.334")]
    [InlineData(1234.56, "1235")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(0.0, "0")]
    [InlineData(double.NaN, "skipped")]
    [InlineData(2.5e7, "2.50e+07")]
    public void Numbers_are_in_plain_notation_with_four_significant_digits(double value, string shown) => Assert.Equal(shown, Human.Number(value));

    [Theory]
    [InlineData(9999, "9,999")]
    [InlineData(116_482, "116.5k")]
    [InlineData(1_254_000, "1.25M")]
    public void Counts_get_a_suffix_above_ten_thousand(double n, string shown) => Assert.Equal(shown, Human.Count(n));

    [Theory]
    [InlineData(42.4, "42 s")]
    [InlineData(185, "3 min 05 s")]
    [InlineData(3720, "1 h 02 min")]
    public void Durations_read_as_time(double seconds, string shown) => Assert.Equal(shown, Human.Duration(seconds));
}
