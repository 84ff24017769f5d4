using System.Collections.Generic;
using Distill.Runtime;
using Distill.Runtime.Terms;
using static TorchSharp.torch;

namespace Distill.Testing.Tests.Terms;

/// <summary>
/// SEED with its queue taken from an input named "Queue" (loaded as the term's state before each
/// forward), so the kit's input laws can permute or rotate the queue.
/// </summary>
[TermInput("student", "embedding")]
[TermInput("teacher", "embedding")]
[TermInput("", "queue")]
internal sealed class SeedOverQueue(SeedTerm seed) : LossTerm
{
    public override Tensor Forward(TermContext context)
    {
        seed.LoadState(new Dictionary<string, Tensor> { ["queue"] = context.Input("Queue"), ["queue_ptr"] = tensor(0L) }, context.Device);
        return seed.Forward(context);
    }
}
