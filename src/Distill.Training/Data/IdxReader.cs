using System;
using System.IO;
using System.IO.Compression;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Models;

namespace Distill.Training.Data
{
    /// <summary>
    /// Reads the IDX format of MNIST and Fashion-MNIST (plain or gzip): a big-endian header
    /// <c>00 00 08 ndim</c> (8 = unsigned byte), one int32 size per dimension, then the bytes.
    /// Every fault (missing file, bad magic, short data, trailing bytes, broken gzip) is an
    /// <see cref="IdxFormatException"/> naming the file.
    /// </summary>
    public static class IdxReader
    {
        /// <summary>Images as N×rows×cols bytes (idx3).</summary>
        public static IdxData ReadImages(string path)
        {
            var data = Read(path);
            if (data.Shape.Length != 3) throw new IdxFormatException(path, $"expected 3 dimensions (images), found {data.Shape.Length}.");
            return data;
        }

        /// <summary>Labels as N bytes (idx1), each below <paramref name="classes"/>.</summary>
        public static IdxData ReadLabels(string path, int classes = 10)
        {
            var data = Read(path);
            if (data.Shape.Length != 1) throw new IdxFormatException(path, $"expected 1 dimension (labels), found {data.Shape.Length}.");
            for (int i = 0; i < data.Bytes.Length; i++)
                if (data.Bytes[i] >= classes)
                    throw new IdxFormatException(path, $"label {data.Bytes[i]} at index {i} is not below {classes}.");
            return data;
        }

        public static IdxData Read(string path)
        {
            if (!File.Exists(path)) throw new IdxFormatException(path, "file not found.");
            try
            {
                using var file = File.OpenRead(path);
                using var stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
                return Parse(stream, path);
            }
            catch (InvalidDataException e)
            {
                throw new IdxFormatException(path, $"corrupt gzip data ({e.Message}).");
            }
            catch (EndOfStreamException)
            {
                throw new IdxFormatException(path, "truncated: the file ends inside its header.");
            }
        }

        public static IdxData Parse(Stream stream, string name)
        {
            var magic = ReadExactly(stream, 4, name, "header");
            if (magic[0] != 0 || magic[1] != 0)
                throw new IdxFormatException(name, $"not an IDX file: magic bytes {magic[0]:x2} {magic[1]:x2}, expected 00 00.");
            if (magic[2] != 0x08)
                throw new IdxFormatException(name, $"element type 0x{magic[2]:x2} is not supported; expected 0x08 (unsigned byte).");
            int dims = magic[3];
            if (dims is < 1 or > 4) throw new IdxFormatException(name, $"{dims} dimensions is not supported (1 to 4).");
            var header = ReadExactly(stream, 4 * dims, name, "header");
            var shape = new int[dims];
            long count = 1;
            for (int d = 0; d < dims; d++)
            {
                shape[d] = (header[4 * d] << 24) | (header[4 * d + 1] << 16) | (header[4 * d + 2] << 8) | header[4 * d + 3];
                if (shape[d] <= 0) throw new IdxFormatException(name, $"dimension {d} has size {shape[d]}.");
                count *= shape[d];
            }
            if (count > int.MaxValue) throw new IdxFormatException(name, $"{count} elements is too large.");
            var bytes = ReadExactly(stream, (int)count, name, "data");
            if (stream.ReadByte() != -1)
                throw new IdxFormatException(name, $"trailing bytes after the {count} elements that the header declares.");
            return new IdxData(shape, bytes);
        }

        private static bool IsGzip(FileStream file)
        {
            Span<byte> head = stackalloc byte[2];
            int n = file.Read(head);
            file.Position = 0;
            return n == 2 && head[0] == 0x1f && head[1] == 0x8b;
        }

        private static byte[] ReadExactly(Stream stream, int length, string name, string part)
        {
            var buffer = new byte[length];
            int read = 0;
            while (read < length)
            {
                int n = stream.Read(buffer, read, length - read);
                if (n == 0) throw new IdxFormatException(name, $"truncated: the {part} needs {length} bytes, found {read}.");
                read += n;
            }
            return buffer;
        }
    }
}
