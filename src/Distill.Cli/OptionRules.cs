using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Distill.Cli
{
    /// <summary>
    /// Up-front validation of option and argument values, attached to the options themselves so that every
    /// command using an option gets its rule and a bad value is one clear line ("--threads must be at least 1,
    /// got 0.") with exit code 1 before anything runs, instead of a native abort or an exception deep inside.
    /// </summary>
    internal static class OptionRules
    {
        /// <summary>The most libtorch intra-op threads accepted (libtorch aborts the process on 0).</summary>
        public const int MaxThreads = 1024;

        /// <summary>Refuses values below <paramref name="min"/> (and above <paramref name="max"/> when given).</summary>
        public static Option<int> InRange(this Option<int> option, int min, int max = int.MaxValue)
        {
            option.Validators.Add(result => Check(result, option.Name, result.GetValueOrDefault<int>(), min, max));
            return option;
        }

        /// <inheritdoc cref="InRange(Option{int}, int, int)"/>
        public static Option<long> InRange(this Option<long> option, long min, long max = long.MaxValue)
        {
            option.Validators.Add(result => Check(result, option.Name, result.GetValueOrDefault<long>(), min, max));
            return option;
        }

        /// <summary>Refuses any value of a repeatable option below <paramref name="min"/> or above <paramref name="max"/>.</summary>
        public static Option<long[]> EachInRange(this Option<long[]> option, long min, long max = long.MaxValue)
        {
            option.Validators.Add(result =>
            {
                var values = result.GetValueOrDefault<long[]>() ?? [];
                if (values.Length == 0) result.AddError($"{option.Name} needs at least one value.");
                foreach (var value in values) Check(result, option.Name, value, min, max);
            });
            return option;
        }

        /// <summary>Refuses NaN, ±Infinity and values that are not above zero.</summary>
        public static Option<double> PositiveFinite(this Option<double> option)
        {
            option.Validators.Add(result =>
            {
                double value = result.GetValueOrDefault<double>();
                if (!double.IsFinite(value) || value <= 0)
                    result.AddError($"{option.Name} must be a finite number above 0, got {value.ToString(CultureInfo.InvariantCulture)}.");
            });
            return option;
        }

        /// <summary>Refuses a path that names a folder where a file is expected (it would otherwise read as "not found").</summary>
        public static Argument<T> NotAFolder<T>(this Argument<T> argument, string what) where T : FileSystemInfo?
        {
            argument.Validators.Add(result => FolderCheck(result, result.GetValueOrDefault<T>()?.FullName, what));
            return argument;
        }

        /// <inheritdoc cref="NotAFolder{T}(Argument{T}, string)"/>
        public static Option<T> NotAFolder<T>(this Option<T> option, string what) where T : FileSystemInfo?
        {
            option.Validators.Add(result => FolderCheck(result, result.GetValueOrDefault<T>()?.FullName, what));
            return option;
        }

        /// <inheritdoc cref="NotAFolder{T}(Argument{T}, string)"/>
        public static Option<FileInfo[]> NoneAFolder(this Option<FileInfo[]> option, string what)
        {
            option.Validators.Add(result =>
            {
                foreach (var file in result.GetValueOrDefault<FileInfo[]>() ?? [])
                    FolderCheck(result, file.FullName, what);
            });
            return option;
        }

        private static void Check(SymbolResult result, string name, long value, long min, long max)
        {
            if (value < min)
                result.AddError($"{name} must be at least {min}, got {value}.");
            else if (value > max)
                result.AddError($"{name} must be at most {max}, got {value}.");
        }

        private static void FolderCheck(SymbolResult result, string? path, string what)
        {
            if (path is not null && Directory.Exists(path))
                result.AddError($"{path} is a folder; expected {what}.");
        }
    }
}
