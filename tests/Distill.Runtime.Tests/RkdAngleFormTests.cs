using System.Collections.Generic;
using Distill.Runtime.Terms;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Distill.Runtime.Tests;

/// <summary>The fast rkd.angle paths against the textbook N×N×D form of LOSSES.md §4, written out here.</summary>
public class RkdAngleFormTests
{
    private static Tensor Textbook(Tensor student, Tensor teacher)
    {
        static Tensor Angles(Tensor e)
        {
            var diff = e.unsqueeze(0) - e.unsqueeze(1);
            var unit = diff / linalg.vector_norm(diff, 2, [2], true).clamp_min(1e-12);
            return unit.bmm(unit.transpose(1, 2));
        }
        Tensor t;
        using (no_grad()) t = Angles(teacher);
        return smooth_l1_loss(Angles(student), t);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void Matches_the_textbook_form_with_teacher_duplicates_and_odd_sizes(int chunk)
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var student = randn(37, 5, ScalarType.Float64);
        var teacher = randn(37, 9, ScalarType.Float64);
        teacher[3] = teacher[11].clone();
        teacher[20] = teacher[11].clone();
        var expectedInput = student.clone().requires_grad_(true);
        var expected = Textbook(expectedInput, teacher);
        expected.backward();

        var actualInput = student.clone().requires_grad_(true);
        var inputs = new Dictionary<string, Tensor> { ["StudentEmbedding"] = actualInput, ["TeacherEmbedding"] = teacher };
        double loss = TermHarness.Run("rkd.angle", new RkdAngleTerm { Chunk = chunk }, inputs);

        GoldenAssert.Float64(expected.item<double>(), loss);
        GoldenAssert.Tensor(expectedInput.grad!, actualInput.grad, "grad student");
    }
}
