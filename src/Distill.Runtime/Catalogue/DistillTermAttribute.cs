using System;

namespace Distill.Runtime
{
    /// <summary>
    /// Marks a <see cref="LossTerm"/> subclass as usable from <c>.distill</c> files under
    /// <paramref name="name"/> (e.g. "kd", "rkd.angle"). Built-in and user terms use the same attribute;
    /// the generator reads it from the compilation, the loader by reflection.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false)]
    public sealed class DistillTermAttribute(string name) : Attribute
    {
        public string Name { get; } = name;
        public string Description { get; set; } = "";
        /// <summary>The paper (and code) the term follows, for docs and <c>distill explain</c>.</summary>
        public string Paper { get; set; } = "";
        /// <summary>
        /// Whether the term looks across the rows of a batch, and its default gather mode under
        /// data-parallel training (<see cref="GatherMode.None"/>: row-wise, the default). A relational
        /// term gets a <c>gather</c> parameter (global | local) that recipes may set.
        /// </summary>
        public GatherMode Gather { get; set; } = GatherMode.None;
    }
}
