using System;
using static TorchSharp.torch;

namespace Distill.Testing.Tests;

/// <summary>double[,] ↔ float64 tensors, for calling a term's public helpers (kernels, targets) directly.</summary>
internal static class Tensors
{
    public static Tensor From(double[,] m)
    {
        var flat = new double[m.Length];
        Buffer.BlockCopy(m, 0, flat, 0, flat.Length * sizeof(double));
        return tensor(flat, [m.GetLength(0), m.GetLength(1)], ScalarType.Float64);
    }

    public static double[,] ToArray(Tensor t)
    {
        var values = t.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        var m = new double[t.shape[0], t.shape[1]];
        Buffer.BlockCopy(values, 0, m, 0, values.Length * sizeof(double));
        return m;
    }
}
