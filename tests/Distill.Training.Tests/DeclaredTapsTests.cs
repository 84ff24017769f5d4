using System.Linq;
using Distill.Runtime;
using Distill.Training.Models;
using static TorchSharp.torch;

namespace Distill.Training.Tests;

public class DeclaredTapsTests
{
    [Fact]
    public void Every_declared_tap_of_the_built_in_models_resolves_and_feeds_a_tensor()
    {
        var declared = RuntimeCatalogue.DeclaredTaps([typeof(ConvNet).Assembly]);
        using var scope = NewDisposeScope();
        using var model = new ConvNet(ConvNetSpec.Student);
        model.eval();
        using var recorder = TapRecorder.Attach(model, "student", ConvNet.Taps, declared, input => input, m => { });
        using var _ = no_grad();
        var taps = recorder.Run(zeros(2, 1, 28, 28));

        Assert.Equal(declared.Order(), taps.Keys.Order());
        Assert.All(taps.Values, t => Assert.Equal(2, t.shape[0]));
    }

    [Fact]
    public void The_models_tap_modules_are_all_declared()
    {
        var declared = RuntimeCatalogue.DeclaredTaps([typeof(ConvNet).Assembly]);
        using var model = new ConvNet(ConvNetSpec.Student);
        string[] tapModules = ["layer1", "layer2", "embedding"];

        Assert.All(tapModules, m => Assert.Contains(m, model.named_modules().Select(n => n.name)));
        Assert.Superset(tapModules.Concat(ConvNet.Taps.Paths.Keys).Append("logits").ToHashSet(), declared.ToHashSet());
        Assert.Subset(tapModules.Concat(ConvNet.Taps.Paths.Keys).Append("logits").ToHashSet(), declared.ToHashSet());
    }
}
