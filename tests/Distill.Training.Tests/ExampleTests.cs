using System;
using System.IO;
using System.Linq;
using Distill.Examples.ResNet.Recipes;

namespace Distill.Training.Tests;

public sealed class ExampleTests
{
    [Fact]
    public void The_ResNet18_example_trains_its_teacher_distils_for_a_few_steps_and_exports_the_student()
    {
        string dir = Directory.CreateTempSubdirectory("distill-example-").FullName;
        string before = Environment.CurrentDirectory;
        var console = Console.Out;
        using var output = new StringWriter();
        try
        {
            Environment.CurrentDirectory = dir;
            Console.SetOut(output);
            typeof(ResnetObjective).Assembly.EntryPoint!.Invoke(null, [new[] { "--steps", "3" }]);
        }
        finally
        {
            Console.SetOut(console);
            Environment.CurrentDirectory = before;
        }
        try
        {
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("3 steps, last loss ", lines[0]);
            Assert.Contains("sp(at=layer3) ", lines[0]);
            Assert.StartsWith("student test accuracy ", lines[1]);
            string exported = Path.Combine(dir, "runs", "resnet", "student.safetensors");
            Assert.True(new FileInfo(exported).Length > 50_000, "the student's weights were exported");
            Assert.DoesNotContain("NaN", lines[0]);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
