using System.Collections.Generic;
using System.Linq;
using Distill.Runtime;

namespace Distill.Benchmarks
{
    /// <summary>
    /// The terms of the composite (as bench_torch.py feeds them) that the built-in catalogue has,
    /// each alone and then all summed.
    /// </summary>
    public static class CompositeRecipes
    {
        public static readonly string[] Terms =
            ["ce", "kd(T = 4)", "sskd", "rkd.distance", "rkd.angle", "sp", "cc", "bake", "seed(queue = 4096)"];

        public static IEnumerable<string> All()
        {
            var present = Terms.Where(t => RuntimeCatalogue.BuiltIn.Catalogue.FindTerm(t.Split('(')[0]) is not null).ToList();
            return present.Append(string.Join(" + ", present));
        }
    }
}
