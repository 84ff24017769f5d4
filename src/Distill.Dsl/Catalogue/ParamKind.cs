namespace Distill.Dsl.Catalogue
{
    /// <summary>The type of a term or schedule parameter as the language sees it.</summary>
    public enum ParamKind
    {
        /// <summary>A real number (C# double).</summary>
        Number,
        /// <summary>An integer (C# int); a literal with a fraction is a type error.</summary>
        Integer,
        /// <summary><c>true</c> or <c>false</c>.</summary>
        Bool,
        /// <summary>A bare identifier from a closed set (a C# enum; values in snake_case).</summary>
        Enum,
        /// <summary>A bare identifier naming a feature tap (<c>at = layer3</c>); it changes the input names.</summary>
        Tap,
    }
}
