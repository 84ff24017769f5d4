using System.IO;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Models;

namespace Distill.Training.Data
{
    /// <summary>An IDX file that is missing, truncated or not what it claims to be; names the file and the fault.</summary>
    public sealed class IdxFormatException(string path, string problem)
        : IOException($"{path}: {problem}")
    {
        public string Path { get; } = path;
        public string Problem { get; } = problem;
    }
}
