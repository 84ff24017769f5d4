using System;

namespace Distill.Runtime
{
    /// <summary>
    /// Declares the feature taps (<c>at = …</c> values) the models of an assembly expose, e.g.
    /// <c>[assembly: DistillTaps("layer1", "layer2", "embedding", "logits")]</c>. Once a project
    /// declares taps, the build, <c>distill check --terms</c> and the editor report a tap argument
    /// outside the declared set as DST0207, with a did-you-mean; without a declaration any tap name
    /// is accepted. Repeatable; the declarations add up.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    public sealed class DistillTapsAttribute(params string[] taps) : Attribute
    {
        public string[] Taps { get; } = taps;
    }
}
