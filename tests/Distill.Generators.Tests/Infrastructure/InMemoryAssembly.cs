using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Distill.Generators.Tests
{
    /// <summary>Compiles a consumer (generated files included) and loads it, to run what the generator produced.</summary>
    internal static class InMemoryAssembly
    {
        public static Assembly Load(Compilation compilation)
        {
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            return Assembly.Load(stream.ToArray());
        }
    }
}
