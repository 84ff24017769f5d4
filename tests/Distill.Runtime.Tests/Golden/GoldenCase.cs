using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using static TorchSharp.torch;

namespace Distill.Runtime.Tests.Golden;

/// <summary>One case of a golden file: parameters, inputs, outputs and gradients as raw JSON.</summary>
public sealed class GoldenCase
{
    private readonly JsonElement _element;

    private GoldenCase(JsonElement element)
    {
        _element = element.Clone();
        Name = _element.GetProperty("name").GetString()!;
    }

    public string Name { get; }

    public static GoldenCase Parse(JsonElement element) => new(element);

    public double Param(string name) => _element.GetProperty("params").GetProperty(name).GetDouble();

    public string ParamText(string name) => _element.GetProperty("params").GetProperty(name).GetString()!;

    public IEnumerable<string> InputNames => _element.GetProperty("inputs").EnumerateObject().Select(p => p.Name);

    public bool HasGrad(string name) => _element.GetProperty("grads").TryGetProperty(name, out _);

    public Tensor Input(string name, ScalarType floatType) => ToTensor(_element.GetProperty("inputs").GetProperty(name), floatType);

    public Tensor Grad(string name) => ToTensor(_element.GetProperty("grads").GetProperty(name), ScalarType.Float64);

    public Tensor OutputTensor(string name) => ToTensor(_element.GetProperty("outputs").GetProperty(name), ScalarType.Float64);

    public double Output(string name) => _element.GetProperty("outputs").GetProperty(name).GetDouble();

    public bool Flag(string name) => _element.GetProperty("outputs").GetProperty(name).GetBoolean();

    private static Tensor ToTensor(JsonElement t, ScalarType floatType)
    {
        var shape = t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var data = t.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        if (t.GetProperty("dtype").GetString() == "int64")
            return tensor(data.Select(v => (long)v).ToArray(), shape);
        return tensor(data, shape, ScalarType.Float64).to_type(floatType);
    }
}
