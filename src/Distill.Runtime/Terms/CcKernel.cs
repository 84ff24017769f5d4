namespace Distill.Runtime.Terms
{
    /// <summary>The correlation kernel of <see cref="CcTerm"/> (Peng et al. 2019, §3.3, define both).</summary>
    public enum CcKernel
    {
        /// <summary>The Gaussian RBF exp(−γ‖uᵢ − uⱼ‖²) by its P-th order Taylor series (the default, AberHu's code).</summary>
        Gaussian,
        /// <summary>Bilinear pooling uᵢᵀuⱼ of the L2-normalised rows.</summary>
        Bilinear,
    }
}
