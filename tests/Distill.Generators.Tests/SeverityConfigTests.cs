using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Distill.Generators.Tests
{
    /// <summary>
    /// A project sets the severity of recipe diagnostics as of any C# diagnostic:
    /// <c>dotnet_diagnostic.DST0401.severity = error</c> in its <c>.globalconfig</c>. The config text is
    /// parsed by Roslyn's own <see cref="AnalyzerConfig"/>, and Roslyn's own filter applies it to what the
    /// generator reports, as the compiler does in a build.
    /// </summary>
    public class SeverityConfigTests
    {
        private const string Recipe = "let unused = 3\nce + kd\n";

        private static ImmutableArray<Diagnostic> Run(string globalConfig)
        {
            var config = AnalyzerConfigSet.Create(new[] { AnalyzerConfig.Parse(globalConfig, "/proj/.globalconfig") });
            var compilation = GeneratorHarness.Compilation("public static class Empty { }");
            compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new GlobalOptions(config.GlobalConfigOptions.TreeOptions)));
            GeneratorHarness.Driver(new[] { GeneratorHarness.Recipe("recipes/r.distill", Recipe) })
                .RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
            return diagnostics;
        }

        [Fact]
        public void Without_configuration_an_unused_let_is_a_warning_with_its_help_link()
        {
            var diagnostic = Assert.Single(Run("is_global = true\n"));

            Assert.Equal("DST0401", diagnostic.Id);
            Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.EndsWith("/docs/diagnostics/DST0401.md", diagnostic.Descriptor.HelpLinkUri);
        }

        [Fact]
        public void The_global_config_raises_a_warning_to_an_error()
        {
            var diagnostic = Assert.Single(Run("is_global = true\ndotnet_diagnostic.DST0401.severity = error\n"));

            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        }

        [Fact]
        public void The_global_config_silences_a_warning()
        {
            Assert.DoesNotContain(Run("is_global = true\ndotnet_diagnostic.DST0401.severity = none\n"), d => d.Id == "DST0401");
        }

        /// <summary>The compiler's view of the global options; per-tree options do not reach .distill files, which are not C# trees.</summary>
        private sealed class GlobalOptions(ImmutableDictionary<string, ReportDiagnostic> options) : SyntaxTreeOptionsProvider
        {
            public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

            public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            {
                severity = ReportDiagnostic.Default;
                return false;
            }

            public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
                options.TryGetValue(diagnosticId, out severity);
        }
    }
}
