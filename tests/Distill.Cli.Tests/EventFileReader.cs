using System.Buffers.Binary;
using System.Collections.Generic;
using System.Numerics;
using System.Text;

namespace Distill.Cli.Tests;

/// <summary>
/// Reads TensorBoard event files without TorchSharp's writer code or its generated protobuf classes: the
/// TFRecord framing (little-endian length, masked CRC-32C of the length, data, masked CRC-32C of the data;
/// both CRCs checked) and the protobuf wire format decoded by hand with the field numbers of
/// tensorboard/compat/proto/event.proto and summary.proto: Event.wall_time = 1 (double), step = 2 (int64),
/// file_version = 3, summary = 5; Summary.value = 1; Value.tag = 1, simple_value = 2 (float).
/// </summary>
public static class EventFileReader
{
    public sealed record Scalar(string Tag, long Step, float Value);

    public static (string? FileVersion, List<Scalar> Scalars) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string? version = null;
        var scalars = new List<Scalar>();
        int at = 0;
        while (at < bytes.Length)
        {
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
            Check(bytes.AsSpan(at, 8), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8)), path, "length");
            var data = bytes.AsSpan(at + 12, (int)length);
            Check(data, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 12 + (int)length)), path, "data");
            at += 12 + (int)length + 4;
            long step = 0;
            var values = new List<(string Tag, float Value)>();
            foreach (var (field, wire, value) in Fields(data.ToArray()))
            {
                if (field == 2 && wire == 0) step = (long)value.Varint;
                else if (field == 3 && wire == 2) version = Encoding.UTF8.GetString(value.Bytes!);
                else if (field == 5 && wire == 2)
                    foreach (var (f, w, v) in Fields(value.Bytes!))
                        if (f == 1 && w == 2) values.Add(ReadValue(v.Bytes!));
            }
            scalars.AddRange(values.Select(v => new Scalar(v.Tag, step, v.Value)));
        }
        return (version, scalars);
    }

    private static (string, float) ReadValue(byte[] value)
    {
        string tag = "";
        float number = float.NaN;
        foreach (var (field, wire, v) in Fields(value))
        {
            if (field == 1 && wire == 2) tag = Encoding.UTF8.GetString(v.Bytes!);
            else if (field == 2 && wire == 5) number = BitConverter.Int32BitsToSingle((int)v.Varint);
        }
        return (tag, number);
    }

    private readonly record struct Payload(ulong Varint, byte[]? Bytes);

    /// <summary>The top-level fields of one protobuf message: (field number, wire type, value).</summary>
    private static IEnumerable<(int Field, int Wire, Payload Value)> Fields(byte[] message)
    {
        int at = 0;
        while (at < message.Length)
        {
            ulong key = Varint(message, ref at);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0: yield return (field, wire, new Payload(Varint(message, ref at), null)); break;
                case 1: yield return (field, wire, new Payload(BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(at)), null)); at += 8; break;
                case 5: yield return (field, wire, new Payload(BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(at)), null)); at += 4; break;
                case 2:
                    int length = (int)Varint(message, ref at);
                    yield return (field, wire, new Payload(0, message.AsSpan(at, length).ToArray()));
                    at += length;
                    break;
                default: throw new FormatException($"unexpected protobuf wire type {wire} (field {field})");
            }
        }
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }

    /// <summary>TFRecord's masked CRC-32C: ((crc >> 15) | (crc << 17)) + 0xa282ead8.</summary>
    private static void Check(ReadOnlySpan<byte> data, uint masked, string path, string what)
    {
        uint crc = 0xffffffff;
        foreach (byte b in data) crc = BitOperations.Crc32C(crc, b);
        crc ^= 0xffffffff;
        uint expected = unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8);
        if (expected != masked) throw new FormatException($"{path}: bad TFRecord {what} checksum");
    }
}
