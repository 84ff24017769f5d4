using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Distill.Runtime;

namespace Distill.Training.Tests
{
    /// <summary>
    /// The hand-written optimiser Distill used before torch.optim, kept as the reference that torch.optim.SGD must
    /// reproduce bit for bit. SGD with momentum and weight decay as PyTorch's <c>torch.optim.SGD</c> computes it
    /// (v ← μv + g + λp; p ← p − lr·v), with its buffers exposed by name so a checkpoint can save
    /// and restore them exactly. Parameters that received no gradient this step are left alone.
    /// </summary>
    internal sealed class MomentumSgd : IDisposable
    {
        private readonly (string Name, Parameter Param)[] _parameters;
        private readonly Dictionary<string, Tensor> _buffers = new(StringComparer.Ordinal);

        public MomentumSgd(IEnumerable<(string Name, Parameter Param)> parameters, double momentum = 0.9, double weightDecay = 5e-4)
        {
            _parameters = parameters.ToArray();
            Momentum = momentum;
            WeightDecay = weightDecay;
        }

        public double Momentum { get; }
        public double WeightDecay { get; }

        public void ZeroGrad()
        {
            foreach (var (_, p) in _parameters) p.grad?.zero_();
        }

        public void Step(double learningRate)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            foreach (var (name, p) in _parameters)
            {
                var grad = p.grad;
                if (grad is null) continue;
                var g = WeightDecay != 0 ? grad.add(p, alpha: WeightDecay) : grad;
                if (!_buffers.TryGetValue(name, out var buffer))
                {
                    buffer = g.clone().DetachFromDisposeScope();
                    _buffers[name] = buffer;
                }
                else buffer.mul_(Momentum).add_(g);
                p.add_(buffer, alpha: -learningRate);
            }
        }

        /// <summary>The momentum buffers by parameter name.</summary>
        public IReadOnlyDictionary<string, Tensor> StateDict() => _buffers;

        public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
        {
            foreach (var b in _buffers.Values) b.Dispose();
            _buffers.Clear();
            foreach (var kv in state) _buffers[kv.Key] = kv.Value.clone().DetachFromDisposeScope();
        }

        public void Dispose()
        {
            foreach (var b in _buffers.Values) b.Dispose();
            _buffers.Clear();
        }
    }
}
