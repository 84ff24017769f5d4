using System;
using System.IO;
using System.Linq;
using Distill.Examples.ResNet.Recipes;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

// Distils a TorchVision ResNet-18, trained here first, into a small CNN on the Fashion-MNIST split shipped with
// Distill, with recipes/resnet.distill (ce + kd + sp at layer3). `--steps N` stops both runs after N steps (CI: 3).
int steps = args.Length == 2 && args[0] == "--steps" ? int.Parse(args[1]) : 0;
string output = Path.Combine("runs", "resnet");
Directory.CreateDirectory(output);
set_num_threads(1);
var (gray, grayTest) = FashionMnist.Load(FashionMnist.Locate(FashionMnist.Shipped));
// ResNet-18 takes 3 channels: both models see the gray image repeated (a view, copied per batch).
var train = new LabelledImages(gray.Images.expand(-1, 3, -1, -1), gray.Labels);
var test = new LabelledImages(grayTest.Images.expand(-1, 3, -1, -1), grayTest.Labels);
IBatchSource Batches(int seed) => BatchSource.From(train, new ShuffleSampler(train.Count, 64, seed));

manual_seed(1);
var teacher = TorchSharp.torchvision.models.resnet18(num_classes: 10);
// Training the teacher is a Distiller with no teacher and a plain cross-entropy recipe.
new Distiller(teacher, null, Objective.Parse("ce"))
{
    Optimizer = Optimizers.Sgd(0.05), Scheduler = Optimizers.Cosine(), Epochs = 1, StopAfterSteps = steps,
}.Fit(Batches(1));

manual_seed(2);
var student = Sequential(
    ("layer1", Sequential(Conv2d(3, 16, 3, padding: 1), BatchNorm2d(16), ReLU(), MaxPool2d(2))),   // 16×14×14
    ("layer2", Sequential(Conv2d(16, 32, 3, padding: 1), BatchNorm2d(32), ReLU(), MaxPool2d(2))),  // 32×7×7
    ("layer3", Sequential(Conv2d(32, 64, 3, padding: 1), BatchNorm2d(64), ReLU(), MaxPool2d(2))),  // 64×3×3
    ("pool", AdaptiveAvgPool2d(1)), ("flatten", Flatten()), ("fc", Linear(64, 10)));
var distiller = new Distiller(student, teacher, new ResnetObjective())
{
    Optimizer = Optimizers.Sgd(0.05), Scheduler = Optimizers.Cosine(), Epochs = 1, StopAfterSteps = steps,
    Evaluate = () => Evaluation.Accuracy(student, test),
};
var state = distiller.Fit(Batches(2), checkpoint: Path.Combine(output, "student.ckpt"));
distiller.ExportStudent(Path.Combine(output, "student.safetensors"));
Console.WriteLine($"{state.Steps.Count} steps, last loss {state.Steps[^1].Total:F4} "
                  + string.Join(", ", state.Steps[^1].Terms.Select(t => $"{t.Name} {t.Raw:F4}")));
Console.WriteLine($"student test accuracy {Evaluation.Accuracy(student, test):P2}"
                  + (steps == 0 ? $", teacher {Evaluation.Accuracy(teacher, test):P2}" : "") + $"; weights in {output}");
