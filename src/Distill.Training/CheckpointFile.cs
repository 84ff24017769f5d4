using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using static TorchSharp.torch;
using Distill.Runtime;
using Distill.Training.Data;
using Distill.Training.Models;

namespace Distill.Training
{
    /// <summary>
    /// A checkpoint on disk: magic, a UTF-8 JSON header, named tensors (dtype, shape, raw bytes)
    /// and a SHA-256 of everything before it. <see cref="Save"/> writes a temporary file, fsyncs
    /// it and renames it over the target, so a reader sees the old file or the new one, never a
    /// torn one; <see cref="Load"/> verifies the hash and names the file when anything is wrong.
    /// </summary>
    public static class CheckpointFile
    {
        private static readonly byte[] Magic = "DISTILL1"u8.ToArray();

        private static int _saves;

        /// <summary>
        /// Test hook for crash tests: set to <c>N:path</c>, the N-th <see cref="Save"/> of the process
        /// creates that file half-way through writing the temporary file and then waits forever, so
        /// a test can kill the process mid-save.
        /// </summary>
        public const string StallVariable = "DISTILL_CHECKPOINT_STALL";

        public static void Save(string path, string header, IReadOnlyDictionary<string, Tensor> tensors)
        {
            string tmp = path + ".tmp";
            using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using var body = new MemoryStream();
                using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Magic);
                    writer.Write(header);
                    writer.Write(tensors.Count);
                    foreach (var (name, tensor) in tensors) WriteTensor(writer, name, tensor);
                }
                var bytes = body.ToArray();
                int half = bytes.Length / 2;
                file.Write(bytes, 0, half);
                StallIfAsked(file);
                file.Write(bytes, half, bytes.Length - half);
                file.Write(SHA256.HashData(bytes));
                file.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }

        public static (string Header, Dictionary<string, Tensor> Tensors) Load(string path)
        {
            if (!File.Exists(path)) throw new IOException($"{path}: checkpoint not found.");
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < Magic.Length + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
                throw new IOException($"{path}: not a Distill checkpoint.");
            var body = bytes.AsSpan(0, bytes.Length - 32);
            if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
                throw new IOException($"{path}: checkpoint is truncated or corrupt (checksum mismatch).");
            using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length), Encoding.UTF8);
            reader.ReadBytes(Magic.Length);
            string header = reader.ReadString();
            int count = reader.ReadInt32();
            var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                var (name, tensor) = ReadTensor(reader);
                tensors[name] = tensor;
            }
            return (header, tensors);
        }

        private static void WriteTensor(BinaryWriter writer, string name, Tensor tensor)
        {
            using var cpu = tensor.detach().cpu().contiguous();
            writer.Write(name);
            writer.Write((int)cpu.dtype);
            writer.Write(cpu.shape.Length);
            foreach (var d in cpu.shape) writer.Write(d);
            var data = cpu.bytes;
            writer.Write(data.Length);
            writer.Write(data);
        }

        private static (string, Tensor) ReadTensor(BinaryReader reader)
        {
            string name = reader.ReadString();
            var dtype = (ScalarType)reader.ReadInt32();
            var shape = new long[reader.ReadInt32()];
            for (int i = 0; i < shape.Length; i++) shape[i] = reader.ReadInt64();
            var data = reader.ReadBytes(reader.ReadInt32());
            var tensor = empty(shape, dtype);
            tensor.bytes = data;
            return (name, tensor);
        }

        private static void StallIfAsked(FileStream file)
        {
            int save = Interlocked.Increment(ref _saves);
            string? hook = Environment.GetEnvironmentVariable(StallVariable);
            if (string.IsNullOrEmpty(hook)) return;
            int colon = hook.IndexOf(':');
            if (colon < 0 || !int.TryParse(hook.AsSpan(0, colon), out int target) || target != save) return;
            string marker = hook.Substring(colon + 1);
            file.Flush(flushToDisk: true);
            File.WriteAllText(marker, file.Name);
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
