using System;
using System.IO;
using System.Linq;
using Distill.Runtime;
using Distill.Training;
using Distill.Training.Models;

namespace Distill.Training.Data
{
    /// <summary>
    /// Fashion-MNIST from IDX files. <see cref="Locate"/> picks, in order: an explicit folder,
    /// Debian's <c>dataset-fashion-mnist</c> (<see cref="DebianFolder"/>), or the 10k test split
    /// shipped with Distill (first 8,000 train, last 2,000 test).
    /// </summary>
    public static class FashionMnist
    {
        public const string DebianFolder = "/usr/share/datasets/fashion-mnist";
        public const string TrainImages = "train-images-idx3-ubyte.gz";
        public const string TrainLabels = "train-labels-idx1-ubyte.gz";
        public const string TestImages = "t10k-images-idx3-ubyte.gz";
        public const string TestLabels = "t10k-labels-idx1-ubyte.gz";
        public const int ShippedTrainCount = 8000;

        /// <summary>The image side the built-in models take (28×28, Fashion-MNIST's); other IDX images are refused on load.</summary>
        public const int ImageSide = 28;
        public const float Mean = 0.2860f;
        public const float Std = 0.3530f;

        /// <summary>Names the shipped split in <see cref="Locate"/> (<c>--data shipped</c>).</summary>
        public const string Shipped = "shipped";

        /// <summary>
        /// The data source to use: <paramref name="folder"/> when given (it must hold all four files;
        /// <see cref="Shipped"/> picks the shipped split), else the full set if installed, else the shipped split.
        /// </summary>
        public static DataSource Locate(string? folder, string? shippedFolder = null)
        {
            string shipped = shippedFolder ?? Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist");
            if (folder == Shipped) return new DataSource(shipped, Full: false);
            if (folder is not null)
            {
                if (File.Exists(folder)) throw new IdxFormatException(folder, "is a file; --data takes the folder holding the four IDX .gz files.");
                if (!Directory.Exists(folder)) throw new IdxFormatException(folder, "data folder not found.");
                return new DataSource(folder, Full: true);
            }
            if (HasFullSet(DebianFolder)) return new DataSource(DebianFolder, Full: true);
            return new DataSource(shipped, Full: false);
        }

        public static bool HasFullSet(string folder) =>
            File.Exists(Path.Combine(folder, TrainImages)) && File.Exists(Path.Combine(folder, TrainLabels))
            && File.Exists(Path.Combine(folder, TestImages)) && File.Exists(Path.Combine(folder, TestLabels));

        /// <summary>Loads train and test sets from <paramref name="source"/>.</summary>
        public static (LabelledImages Train, LabelledImages Test) Load(DataSource source)
        {
            var test = Read(source.Folder, TestImages, TestLabels);
            if (!source.Full)
            {
                using (test)
                    return (test.Slice(0, ShippedTrainCount), test.Slice(ShippedTrainCount, test.Count - ShippedTrainCount));
            }
            return (Read(source.Folder, TrainImages, TrainLabels), test);
        }

        private static LabelledImages Read(string folder, string images, string labels)
        {
            string imagesPath = Path.Combine(folder, images), labelsPath = Path.Combine(folder, labels);
            var x = IdxReader.ReadImages(imagesPath);
            if (x.Shape.Length != 3 || x.Shape[1] != ImageSide || x.Shape[2] != ImageSide)
                throw new IdxFormatException(imagesPath, $"expected {ImageSide}×{ImageSide} Fashion-MNIST images, found {string.Join("×", x.Shape.Skip(1))}; the built-in models take {ImageSide}×{ImageSide} only.");
            var y = IdxReader.ReadLabels(labelsPath);
            return LabelledImages.FromIdx(x, y, imagesPath, labelsPath);
        }
    }
}
