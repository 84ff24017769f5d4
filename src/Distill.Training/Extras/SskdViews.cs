using System.Collections.Generic;
using Distill.Dsl.Catalogue;
using static TorchSharp.torch;

namespace Distill.Training
{
    /// <summary>
    /// SSKD's rotated views: the models run on every image turned 0°, 90°, 180° and 270° (row 4i + r is image i
    /// turned r times), the plain taps (<c>StudentLogits</c>, …) are rows 4i, and it feeds
    /// <c>{Student,Teacher}RotatedLogits</c> (the logits of all 4B rows) and <c>{Student,Teacher}RotatedProjection</c>
    /// (each model's projection head on its tap <paramref name="at"/>). The student head trains with the student;
    /// the teacher head is frozen like the teacher (SSKD trains it in a self-supervised stage before distilling).
    /// </summary>
    public sealed class SskdViews(nn.Module<Tensor, Tensor> studentHead, nn.Module<Tensor, Tensor>? teacherHead, string at = "embedding") : ExtraInputs
    {
        private const string Student = "student", Teacher = "teacher";

        /// <summary>Everything above; <c>TeacherRotatedProjection</c> only with a teacher head.</summary>
        public override IReadOnlyList<string> Provides =>
            teacherHead is null
                ? [InputNames.Of(Student, "rotated_logits"), InputNames.Of(Student, "rotated_projection"), InputNames.Of(Teacher, "rotated_logits")]
                : [InputNames.Of(Student, "rotated_logits"), InputNames.Of(Student, "rotated_projection"), InputNames.Of(Teacher, "rotated_logits"), InputNames.Of(Teacher, "rotated_projection")];

        public override IEnumerable<(string Role, string Tap)> Reads =>
            teacherHead is null ? [(Student, "logits"), (Student, at), (Teacher, "logits")] : [(Student, "logits"), (Student, at), (Teacher, "logits"), (Teacher, at)];

        public override IEnumerable<nn.Module> Trainable => [studentHead];

        public override bool ExpandsBatch => true;

        public override Tensor Expand(Tensor input) => Rotations(input);

        public override Tensor Plain(Tensor tap) => tap.index_select(0, arange(0, tap.shape[0], 4, device: tap.device));

        public override void Feed(ExtraInputContext context, IDictionary<string, Tensor> inputs)
        {
            FeedRole(context, inputs, Student, context.Student, studentHead);
            if (context.Teacher is null) return;
            using var noGrad = no_grad();
            teacherHead?.eval();
            FeedRole(context, inputs, Teacher, context.Teacher, teacherHead);
        }

        private void FeedRole(ExtraInputContext context, IDictionary<string, Tensor> inputs, string role, IReadOnlyDictionary<string, Tensor> taps, nn.Module<Tensor, Tensor>? head)
        {
            string logits = InputNames.Of(role, "rotated_logits"), projection = InputNames.Of(role, "rotated_projection");
            if (context.Needed.Contains(logits)) inputs[logits] = taps["logits"];
            if (context.Needed.Contains(projection) && head is not null)
            {
                var features = taps[at];
                inputs[projection] = head.call(features.dim() == 2 ? features : features.flatten(1));
            }
        }

        /// <summary>The four 90° rotations of every image, interleaved: row 4i + r is image i turned r times.</summary>
        public static Tensor Rotations(Tensor images)
        {
            using var scope = NewDisposeScope();
            var views = stack([images, images.rot90(1, (2, 3)), images.rot90(2, (2, 3)), images.rot90(3, (2, 3))], 1);
            return views.reshape(-1, images.shape[1], images.shape[2], images.shape[3]).MoveToOuterDisposeScope();
        }
    }
}
