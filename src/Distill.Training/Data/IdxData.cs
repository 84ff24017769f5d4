using Distill.Runtime;
using Distill.Training;
using Distill.Training.Models;
namespace Distill.Training.Data
{
    /// <summary>The contents of an unsigned-byte IDX file: its shape and its elements in row-major order.</summary>
    public sealed record IdxData(int[] Shape, byte[] Bytes)
    {
        public int Count => Shape[0];
    }
}
