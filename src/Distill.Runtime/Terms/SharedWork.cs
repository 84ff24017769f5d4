using System.Globalization;
using static TorchSharp.torch;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// Work that several terms need in one <c>Compute</c>, cached in <see cref="TermContext.Shared{T}"/>
    /// under keys that name the input and every parameter the value depends on. Teacher-side values are
    /// computed under no_grad and are constants; student-side values keep their autograd graph.
    /// </summary>
    public static class SharedWork
    {
        /// <summary>softmax(input / T) of an input used as a constant target (teacher logits; BAKE's own logits); sskd and bake share it.</summary>
        public static Tensor ConstantProbabilities(TermContext context, string input, Tensor logits, double T) =>
            Tempered(context, "softmax/", input, logits, T, x => x.softmax(1));

        /// <summary>log_softmax(input / T) of an input used as a constant target: the exact log p of KL terms (kd, sskd).</summary>
        public static Tensor ConstantLogProbabilities(TermContext context, string input, Tensor logits, double T) =>
            Tempered(context, "log_softmax/", input, logits, T, x => x.log_softmax(1));

        /// <summary>Row-wise L2-normalised (eps 1e-12) flattened input; detached when <paramref name="constant"/>.</summary>
        public static Tensor Normalized(TermContext context, string input, Tensor features, bool constant) =>
            context.Shared("l2normalize/" + input + (constant ? "/const" : ""), () =>
            {
                if (!constant) return TermMath.L2Normalize(features);
                using var _ = no_grad();
                return TermMath.L2Normalize(features.detach());
            });

        /// <summary>The Gram matrix F·Fᵀ of a flattened input (SP, and RKD through its distances); detached when <paramref name="constant"/>.</summary>
        public static Tensor Gram(TermContext context, string input, Tensor features, bool constant) =>
            context.Shared("gram/" + input + (constant ? "/const" : ""), () =>
            {
                if (!constant) return features.mm(features.t());
                using var _ = no_grad();
                var f = features.detach();
                return f.mm(f.t());
            });

        private static Tensor Tempered(TermContext context, string kind, string input, Tensor logits, double T, System.Func<Tensor, Tensor> f) =>
            context.Shared(kind + input + "/T=" + Number(T), () =>
            {
                using var _ = no_grad();
                return f(logits.detach() / T);
            });

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
