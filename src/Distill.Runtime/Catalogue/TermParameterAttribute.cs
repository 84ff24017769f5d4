using System;

namespace Distill.Runtime
{
    /// <summary>
    /// A settable property of a term or schedule that recipes may set. The kind follows the
    /// property's type: double → number, int → integer, bool, an enum (values in snake_case), or
    /// string → a feature tap. <see cref="Default"/> unset (null) with no <see cref="Group"/> makes the
    /// argument required. Bounds are NaN when absent; <see cref="MinExclusive"/> /
    /// <see cref="MaxExclusive"/> make them strict.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property, Inherited = false)]
    public sealed class TermParameterAttribute : Attribute
    {
        /// <summary>The name in recipes; the property's name when empty.</summary>
        public string Name { get; set; } = "";
        public object? Default { get; set; }
        public double Min { get; set; } = double.NaN;
        public double Max { get; set; } = double.NaN;
        public bool MinExclusive { get; set; }
        public bool MaxExclusive { get; set; }
        /// <summary>Parameters sharing a group are alternatives: exactly one of them must be given.</summary>
        public string? Group { get; set; }
        public string Description { get; set; } = "";
    }
}
