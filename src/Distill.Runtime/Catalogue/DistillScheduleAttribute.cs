using System;

namespace Distill.Runtime
{
    /// <summary>Marks a <see cref="Schedule"/> subclass as usable in weights under <paramref name="name"/>.</summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false)]
    public sealed class DistillScheduleAttribute(string name) : Attribute
    {
        public string Name { get; } = name;
        public string Description { get; set; } = "";
    }
}
