namespace Distill.Dsl.Syntax
{
    /// <summary>The four operators, in the order of their symbols "+-*/" (the parser and printer rely on it).</summary>
    public enum BinaryOperator
    {
        Add,
        Subtract,
        Multiply,
        Divide,
    }
}
