using System;
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

        /// <summary>
        /// log_softmax(input / T) and softmax(input / T) of a contiguous-able float CPU input used as a constant target, as
        /// host arrays (row-major) for the fused passes; kd terms at the same T share them, as the graph form shares
        /// <see cref="ConstantLogProbabilities"/>.
        /// </summary>
        public static (T[] LogP, T[] P) ConstantLogSoftmaxOnHost<T>(TermContext context, string input, Tensor logits, double temperature)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
            context.Shared("log_softmax_host/" + input + "/T=" + Number(temperature), () =>
            {
                using var _ = no_grad();
                int n = (int)logits.size(0), classes = (int)logits.size(1);
                var rows = HostArrays.Read<T>(logits);
                T invT = T.One / T.CreateChecked(temperature);
                var logP = new T[n * classes];
                var p = new T[n * classes];
                for (int i = 0; i < n; i++)
                    Rows.LogSoftmax(rows.Slice(i * classes, classes), invT, logP.AsSpan(i * classes, classes), p.AsSpan(i * classes, classes));
                return (logP, p);
            });

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
                if (!constant) return SerialScope.Product(features, features.t());
                using var _ = no_grad();
                var f = features.detach();
                return SerialScope.Product(f, f.t());
            });

        private static Tensor Tempered(TermContext context, string kind, string input, Tensor logits, double T, System.Func<Tensor, Tensor> f) =>
            context.Shared(kind + input + "/T=" + Number(T), () =>
            {
                using var _ = no_grad();
                return f(logits.detach().Over(T));
            });

        private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
