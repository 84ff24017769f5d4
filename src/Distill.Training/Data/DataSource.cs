using Distill.Runtime;
using Distill.Training;
using Distill.Training.Models;
namespace Distill.Training.Data
{
    /// <summary>Where Fashion-MNIST is read from, and whether it is the full 60k/10k set or the shipped 10k split.</summary>
    public sealed record DataSource(string Folder, bool Full)
    {
        public string Describe() => Full ? $"Fashion-MNIST 60k/10k from {Folder}" : $"Fashion-MNIST shipped 10k test split (8k train / 2k test) from {Folder}";
    }
}
