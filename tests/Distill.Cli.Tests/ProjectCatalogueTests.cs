using System.IO;

namespace Distill.Cli.Tests;

/// <summary><c>distill lsp</c> without <c>--terms</c> finds the user's terms in the workspace project's build output.</summary>
public sealed class ProjectCatalogueTests : System.IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void The_newest_build_output_of_the_folders_project_supplies_its_terms()
    {
        _cli.Write("MyApp.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><AssemblyName>Distill.Cli.Tests</AssemblyName></PropertyGroup></Project>");
        string output = Path.Combine(_cli.Folder, "bin", "Debug", "net10.0");
        Directory.CreateDirectory(output);
        File.Copy(typeof(UserScaleTerm).Assembly.Location, Path.Combine(output, "Distill.Cli.Tests.dll"));
        var log = new StringWriter();

        var catalogue = ProjectCatalogue.Find(_cli.Folder, log);

        Assert.NotNull(catalogue!.Terms.FindTerm("user.scale"));
        Assert.NotNull(catalogue.Terms.FindTerm("kd"));
        Assert.Contains("terms of MyApp.csproj from ", log.ToString());
    }

    [Fact]
    public void A_folder_without_a_built_project_keeps_the_built_in_catalogue()
    {
        _cli.Write("MyApp.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");

        Assert.Null(ProjectCatalogue.Find(_cli.Folder, new StringWriter()));
        Assert.Null(ProjectCatalogue.Find(Path.Combine(_cli.Folder, "missing"), new StringWriter()));
    }
}
