using System;
using System.Linq;

namespace Distill.Testing.Tests;

/// <summary>Independent double-precision formulas the tests compare terms against.</summary>
internal static class Reference
{
    /// <summary>Row-wise softmax(x / T), max-subtracted.</summary>
    public static double[,] Softmax(double[,] x, double temperature)
    {
        int n = x.GetLength(0), c = x.GetLength(1);
        var p = new double[n, c];
        for (int i = 0; i < n; i++)
        {
            double max = Enumerable.Range(0, c).Max(j => x[i, j] / temperature);
            double sum = 0;
            for (int j = 0; j < c; j++) sum += p[i, j] = Math.Exp(x[i, j] / temperature - max);
            for (int j = 0; j < c; j++) p[i, j] /= sum;
        }
        return p;
    }

    /// <summary>Rows divided by their L2 norm (zero rows stay zero).</summary>
    public static double[,] NormalizeRows(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var u = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            double norm = Math.Max(Math.Sqrt(Enumerable.Range(0, d).Sum(j => x[i, j] * x[i, j])), 1e-12);
            for (int j = 0; j < d; j++) u[i, j] = x[i, j] / norm;
        }
        return u;
    }

    /// <summary>The exact Gaussian RBF exp(−γ‖uᵢ − uⱼ‖²) between rows.</summary>
    public static double[,] Rbf(double[,] u, double gamma)
    {
        int n = u.GetLength(0), d = u.GetLength(1);
        var k = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                k[i, j] = Math.Exp(-gamma * Enumerable.Range(0, d).Sum(c => (u[i, c] - u[j, c]) * (u[i, c] - u[j, c])));
        return k;
    }

    public static double[,] Scale(double[,] x, double factor)
    {
        var y = (double[,])x.Clone();
        for (int i = 0; i < y.GetLength(0); i++)
            for (int j = 0; j < y.GetLength(1); j++) y[i, j] *= factor;
        return y;
    }
}
