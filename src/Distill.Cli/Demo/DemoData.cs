using System;
using System.Collections.Generic;
using Distill.Training.Data;

namespace Distill.Cli.Demo
{
    /// <summary>
    /// The demo's image sets, carved from the loaded training and test sets. <see cref="Pool"/> is the
    /// training images a teacher trained here uses; the students get its first
    /// <see cref="Students"/>.Count. With a validation hold-out the last N training images become
    /// <see cref="Evaluation"/> and the test split is not used at all (for choosing settings);
    /// otherwise <see cref="Evaluation"/> is the test split.
    /// </summary>
    public sealed class DemoData : IDisposable
    {
        private readonly List<LabelledImages> _owned = [];

        private DemoData(LabelledImages pool, LabelledImages students, LabelledImages evaluation, string split)
        {
            Pool = pool;
            Students = students;
            Evaluation = evaluation;
            Split = split;
        }

        public LabelledImages Pool { get; }
        public LabelledImages Students { get; }
        public LabelledImages Evaluation { get; }

        /// <summary><c>test</c> or <c>validation</c>: what <see cref="Evaluation"/> is.</summary>
        public string Split { get; }

        /// <param name="validation">Hold out this many of the last training images as the evaluation set (0: evaluate on <paramref name="test"/>).</param>
        /// <param name="studentImages">The students train on the first this many training images (0 or more than there are: all of them).</param>
        public static DemoData Carve(LabelledImages train, LabelledImages test, int validation, int studentImages)
        {
            if (validation < 0) throw new ArgumentException($"--validation must be 0 or more, not {validation}.");
            if (studentImages < 0) throw new ArgumentException($"--student-images must be 0 or more, not {studentImages}.");
            if (validation >= train.Count)
                throw new ArgumentException($"--validation {validation} leaves no training images (there are {train.Count}).");
            var owned = new List<LabelledImages>();
            var pool = train;
            var evaluation = test;
            string split = "test";
            if (validation > 0)
            {
                evaluation = Own(owned, train.Slice(train.Count - validation, validation));
                pool = Own(owned, train.Slice(0, train.Count - validation));
                split = "validation";
            }
            var students = studentImages > 0 && studentImages < pool.Count ? Own(owned, pool.Slice(0, studentImages)) : pool;
            var data = new DemoData(pool, students, evaluation, split);
            data._owned.AddRange(owned);
            return data;
        }

        public string Describe() =>
            $"students train on the first {Students.Count:N0} of {Pool.Count:N0} training images; {Split}: {Evaluation.Count:N0} images"
            + (Split == "validation" ? " (the last training images; the test split is not used)" : "");

        private static LabelledImages Own(List<LabelledImages> owned, LabelledImages set)
        {
            owned.Add(set);
            return set;
        }

        /// <summary>Disposes the sets carved here (not the training and test sets it was given).</summary>
        public void Dispose()
        {
            foreach (var set in _owned) set.Dispose();
        }
    }
}
