using System;
using Distill.Examples.Basic.Recipes;
using Distill.Runtime;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

// Random tensors stand in for a student and a teacher: 32 samples, 10 classes, 64-d embeddings,
// a 16×4×4 feature map at layer 3.
manual_seed(0);
const int batch = 32, classes = 10;
var studentLogits = randn(batch, classes, requires_grad: true);
var studentEmbedding = randn(batch, 64, requires_grad: true);
var studentLayer3 = randn(batch, 16, 4, 4, requires_grad: true);

var hinton = new HintonObjective();
using (var result = hinton.Compute(
    new HintonObjective.Inputs
    {
        StudentLogits = studentLogits,
        TeacherLogits = randn(batch, classes),
        Labels = randint(classes, batch, dtype: ScalarType.Int64),
    },
    TrainingProgress.Completed))
{
    result.Total.backward();
    Report(hinton.Source, result);
}

var relational = new RelationalObjective();
using (var result = relational.Compute(
    new RelationalObjective.Inputs
    {
        StudentLogits = studentLogits,
        TeacherLogits = randn(batch, classes),
        Labels = randint(classes, batch, dtype: ScalarType.Int64),
        StudentEmbedding = studentEmbedding,
        TeacherEmbedding = randn(batch, 64),
        StudentLayer3 = studentLayer3,
        TeacherLayer3 = randn(batch, 16, 4, 4),
    },
    TrainingProgress.At(epoch: 0, stepInEpoch: 50, stepsPerEpoch: 100, totalEpochs: 10)))
{
    result.Total.backward();
    Report(relational.Source, result);
}

// The design document's example recipe: SSKD reads the 4x rotated batch (row 4i + r is image i
// rotated by r x 90 degrees, built by SskdBatch.Rotations from images); ce and kd read its
// un-rotated rows.
var rotatedLogits = randn(4 * batch, classes, requires_grad: true);
var design = new DesignObjective();
using (var result = design.Compute(
    new DesignObjective.Inputs
    {
        StudentLogits = SskdBatch.NormalRows(rotatedLogits),
        TeacherLogits = randn(batch, classes),
        Labels = randint(classes, batch, dtype: ScalarType.Int64),
        StudentRotatedLogits = rotatedLogits,
        TeacherRotatedLogits = randn(4 * batch, classes),
        StudentRotatedProjection = randn(4 * batch, 32, requires_grad: true),
        TeacherRotatedProjection = randn(4 * batch, 32),
        StudentEmbedding = studentEmbedding,
        TeacherEmbedding = randn(batch, 64),
    },
    TrainingProgress.Completed))
{
    result.Total.backward();
    Report(design.Source, result);
}

Console.WriteLine($"student logits gradient norm: {studentLogits.grad!.norm().item<float>():F4}");

static void Report(string source, LossResult result)
{
    Console.WriteLine(source.Trim());
    foreach (var term in result.Terms)
        Console.WriteLine($"  {term.Name,-28} weight {term.Weight,5:F2}  value {term.Raw,9:F4}");
    Console.WriteLine($"  total {result.Total.item<float>():F4}");
    Console.WriteLine();
}
