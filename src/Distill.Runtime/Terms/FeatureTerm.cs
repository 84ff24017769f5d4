using Distill.Dsl.Catalogue;

namespace Distill.Runtime.Terms
{
    /// <summary>
    /// A term on a pair of features picked by the <c>at</c> tap: it reads Student⟨at⟩ and Teacher⟨at⟩
    /// (StudentEmbedding and TeacherEmbedding by default), flattened from N×… to N×(rest).
    /// </summary>
    public abstract class FeatureTerm : LossTerm
    {
        [TermParameter(Name = "at", Default = "embedding", Description = "The feature tap the term reads (Student⟨at⟩, Teacher⟨at⟩).")]
        public string At { get; set; } = "embedding";

        protected string StudentInput => InputNames.Of("student", At);

        protected string TeacherInput => InputNames.Of("teacher", At);
    }
}
