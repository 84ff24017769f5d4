// The taps this test assembly's "models" expose, as a user's project declares them; read by
// `distill check --terms` (CheckCommandTests).
[assembly: Distill.Runtime.DistillTaps("embedding", "features", "layer3")]
