using System;
using Distill.Runtime;

namespace Distill.Cli
{
    public static class Program
    {
        /// <summary>Configures glibc's allocator before the first tensor (see Allocator), joins the MPI job under mpirun (see Cluster), then runs the command.</summary>
        public static int Main(string[] args)
        {
            Allocator.Configure();
            var output = Cluster.Join(Console.Out);
            return Cluster.Leave(DistillCommand.Run(args, output, Console.Error));
        }
    }
}
