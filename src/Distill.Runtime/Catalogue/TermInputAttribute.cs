using System;

namespace Distill.Runtime
{
    /// <summary>
    /// A tensor a term consumes, by role ("student", "teacher" or "" for e.g. labels) and tap
    /// ("logits", "embedding", …). With <see cref="TapParameter"/>, the tap is that string
    /// parameter's value and <see cref="Tap"/> is ignored. The input is then named
    /// PascalCase(role)+PascalCase(tap): StudentLogits, TeacherLayer3, Labels.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class TermInputAttribute(string role, string tap) : Attribute
    {
        public string Role { get; } = role;
        public string Tap { get; } = tap;
        public string? TapParameter { get; set; }
        /// <summary>True for int64 class indices (labels); false for floating-point tensors.</summary>
        public bool ClassIndices { get; set; }
        public string Description { get; set; } = "";
    }
}
