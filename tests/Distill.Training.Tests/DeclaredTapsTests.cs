using System.Linq;
using Distill.Runtime;
using Distill.Training.Models;

namespace Distill.Training.Tests;

public class DeclaredTapsTests
{
    [Fact]
    public void The_built_in_models_declare_exactly_the_taps_they_expose()
    {
        var declared = RuntimeCatalogue.DeclaredTaps([typeof(ConvNet).Assembly]);

        Assert.Equal(ModelOutputs.TapNames.Order(), declared.Order());
    }
}
