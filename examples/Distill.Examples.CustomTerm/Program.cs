using System;
using Distill.Examples.CustomTerm.Recipes;
using Distill.Runtime;
using static TorchSharp.torch;

// Random tensors stand in for a student and a teacher: 16 samples, 10 classes, 32-d embeddings.
manual_seed(0);
var studentLogits = randn(16, 10, requires_grad: true);
var studentEmbedding = randn(16, 32, requires_grad: true);

var objective = new StudentObjective();
using var result = objective.Compute(
    new StudentObjective.Inputs
    {
        StudentLogits = studentLogits,
        TeacherLogits = randn(16, 10),
        Labels = randint(10, 16, dtype: ScalarType.Int64),
        StudentEmbedding = studentEmbedding,
        TeacherEmbedding = randn(16, 32),
    },
    TrainingProgress.Completed);
result.Total.backward();

Console.WriteLine(objective.Source.Trim());
foreach (var term in result.Terms)
    Console.WriteLine($"  {term.Name,-20} weight {term.Weight,4:F2}  value {term.Raw:F4}");
Console.WriteLine($"  total {result.Total.item<float>():F4}");
