using Distill.Runtime;

// The taps of the built-in ConvNet (its layer1, layer2 and embedding modules, features = layer2 via ConvNet.Taps,
// and the output as logits), so that a project that checks its taps and trains the built-in models has them
// declared; DeclaredTapsTests resolves each on the model.
[assembly: DistillTaps("layer1", "layer2", "features", "embedding", "logits")]
