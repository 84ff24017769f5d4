using FsCheck;
using FsCheck.Fluent;

namespace Distill.Testing
{
    /// <summary>
    /// The outcome of checking one law on one input: whether it <see cref="Holds"/>, and a message
    /// that says what was compared (and, on failure, by how much it missed). Converts implicitly
    /// to an FsCheck <see cref="Property"/> labelled with that message, so a law can be the body
    /// of <c>Prop.ForAll</c>.
    /// </summary>
    public sealed record LawResult(string Law, bool Holds, string Message)
    {
        /// <summary>A labelled FsCheck property: fails with "Law: Message" when the law does not hold.</summary>
        public Property ToProperty() => Prop.Label(Holds, $"{Law}: {Message}");

        /// <summary>The same as <see cref="ToProperty"/>.</summary>
        public static implicit operator Property(LawResult result) => result.ToProperty();

        /// <summary>All of <paramref name="results"/> hold; the message of the first failure otherwise.</summary>
        public static LawResult All(string law, params LawResult[] results)
        {
            foreach (var r in results)
                if (!r.Holds) return r with { Law = $"{law} ({r.Law})" };
            return new LawResult(law, true, $"all {results.Length} checks hold");
        }

        /// <summary>"Law: holds|FAILS: Message".</summary>
        public override string ToString() => $"{Law}: {(Holds ? "holds" : "FAILS")}: {Message}";
    }
}
