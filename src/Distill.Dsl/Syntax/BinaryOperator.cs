namespace Distill.Dsl.Syntax
{
    public enum BinaryOperator
    {
        Add,
        Subtract,
        Multiply,
        Divide,
    }
}
