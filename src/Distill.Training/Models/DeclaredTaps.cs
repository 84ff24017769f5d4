using Distill.Runtime;

// The taps of the built-in ConvNet (ModelOutputs.Tap), so that a project that checks its taps and
// trains the built-in models has them declared; a test asserts this list equals ModelOutputs.TapNames.
[assembly: DistillTaps("layer1", "layer2", "features", "embedding", "logits")]
