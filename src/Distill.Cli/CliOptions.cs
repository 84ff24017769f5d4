using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;
using Distill.Runtime;

namespace Distill.Cli
{
    /// <summary>Options shared by several commands, and running a command's body with clean error reporting.</summary>
    internal static class CliOptions
    {
        /// <summary>Assemblies holding user [DistillTerm] / [DistillSchedule] types, added to the built-in catalogue.</summary>
        public static Option<FileInfo[]> Terms() => new("--terms")
        {
            Description = "an assembly (.dll) with your own [DistillTerm]/[DistillSchedule] types; repeatable",
            AllowMultipleArgumentsPerToken = true,
        };

        public static RuntimeCatalogue Catalogue(FileInfo[]? assemblies) =>
            assemblies is null || assemblies.Length == 0
                ? RuntimeCatalogue.BuiltIn
                : RuntimeCatalogue.FromAssemblies(assemblies.Select(a => Assembly.LoadFrom(a.FullName)));

        /// <summary>
        /// Runs a command body with the invocation's output and error writers. Problems that are the
        /// user's (a missing file, a broken term assembly, an unavailable device) print one line and exit 1.
        /// </summary>
        public static int Guard(ParseResult parseResult, Func<TextWriter, TextWriter, int> body)
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                return body(output, error);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CatalogueException or BadImageFormatException or InvalidOperationException or ArgumentException)
            {
                error.WriteLine($"distill: {e.Message}");
                return 1;
            }
        }
    }
}
