namespace Distill.Dsl.Catalogue
{
    /// <summary>
    /// A tensor a term consumes, named by role and tap. Role is "student", "teacher" or "" (e.g.
    /// labels); Tap is a snake_case name such as "logits", "embedding" or "rotated_logits". When
    /// <see cref="TapParameter"/> is set, the tap is that parameter's value (<c>sp(at = layer3)</c>
    /// consumes StudentLayer3 and TeacherLayer3) and <see cref="Tap"/> is only the fallback.
    /// </summary>
    public sealed record InputSpec(string Role, string Tap, string? TapParameter, InputKind Kind, string Description);

    public enum InputKind
    {
        /// <summary>A floating-point tensor (float32 or float64).</summary>
        Float,
        /// <summary>An int64 tensor of class indices.</summary>
        ClassIndices,
    }
}
