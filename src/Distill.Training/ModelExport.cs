using System;
using System.IO;
using TorchSharp.PyBridge;
using static TorchSharp.torch.nn;

namespace Distill.Training
{
    /// <summary>
    /// Saves a model's state dict where PyTorch and TorchSharp users can load it, with TorchSharp.PyBridge:
    /// <c>.safetensors</c> (load with <c>safetensors.torch.load_file</c>, or <c>module.load_safetensors</c> in .NET),
    /// or <c>.pt</c> / <c>.pth</c> / <c>.bin</c>, a pickled PyTorch state dict (<c>model.load_state_dict(torch.load(path))</c>,
    /// or <c>module.load_py</c>). Keys are the module paths (<c>layer1.0.conv1.weight</c>), as PyTorch names them.
    /// Our own checkpoint (<see cref="RunCheckpoint"/>) stays the file to resume from.
    /// </summary>
    public static class ModelExport
    {
        public static void Save(Module model, string path)
        {
            string extension = Path.GetExtension(path).ToLowerInvariant();
            switch (extension)
            {
                case ".safetensors": model.save_safetensors(path); break;
                case ".pt" or ".pth" or ".bin": model.save_py(path); break;
                default: throw new ArgumentException($"{path}: export as .safetensors, .pt, .pth or .bin (a PyTorch state dict), not '{extension}'.", nameof(path));
            }
        }

        /// <summary>Loads weights saved by <see cref="Save"/> (or by PyTorch) into <paramref name="model"/>, by extension as above.</summary>
        public static void Load(Module model, string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: model file not found.", path);
            string extension = Path.GetExtension(path).ToLowerInvariant();
            switch (extension)
            {
                case ".safetensors": model.load_safetensors(path); break;
                case ".pt" or ".pth" or ".bin": model.load_py(path); break;
                default: throw new ArgumentException($"{path}: load .safetensors, .pt, .pth or .bin, not '{extension}'.", nameof(path));
            }
        }
    }
}
