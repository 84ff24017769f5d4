namespace Distill.Dsl.Diagnostics
{
    /// <summary>
    /// Every diagnostic the front end reports, in one table. Ids are stable: never reuse or
    /// renumber one. 00xx syntax, 01xx names, 02xx arguments, 03xx structure, 04xx warnings.
    /// docs/language.md lists them all.
    /// </summary>
    public static class DiagnosticDescriptors
    {
        /// <summary>
        /// Where the diagnostic pages (docs/diagnostics/DSTnnnn.md) are published; every diagnostic links
        /// its page (the build's help link, the editor's code description). <c>distill explain DSTnnnn</c>
        /// prints the same page offline.
        /// </summary>
        public const string HelpLinkBase = "https://github.com/distill-kd/distill/blob/main/docs/diagnostics/";

        /// <summary>The page of a diagnostic id: <c>HelpLinkBase + "DST0202.md"</c>.</summary>
        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
        private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

        public static readonly DiagnosticDescriptor SyntaxError = new("DST0001", Error, "syntax error",
            "unexpected {0}; expected {1}");
        public static readonly DiagnosticDescriptor NumberTooLarge = new("DST0002", Error, "number too large",
            "number '{0}' is too large; use a finite value");
        public static readonly DiagnosticDescriptor NestingTooDeep = new("DST0003", Error, "nesting too deep",
            "expression is nested more than {0} levels deep; flatten the parentheses");
        public static readonly DiagnosticDescriptor LetAfterExpression = new("DST0004", Error, "let after the expression",
            "'let {0}' comes after the loss expression; move every 'let' to the top of the file");

        public static readonly DiagnosticDescriptor UnknownTerm = new("DST0101", Error, "unknown term",
            "unknown term '{0}'{1}");
        public static readonly DiagnosticDescriptor UnknownParameter = new("DST0102", Error, "unknown parameter",
            "unknown parameter '{0}' for '{1}'{2}");
        public static readonly DiagnosticDescriptor UnknownSchedule = new("DST0103", Error, "unknown schedule",
            "unknown schedule '{0}'{1}");
        public static readonly DiagnosticDescriptor UndefinedLet = new("DST0104", Error, "undefined let",
            "'{0}' is not defined{1}");
        public static readonly DiagnosticDescriptor CyclicLet = new("DST0105", Error, "cyclic let",
            "let '{0}' depends on itself ({1}); break the cycle");
        public static readonly DiagnosticDescriptor DuplicateLet = new("DST0106", Error, "duplicate let",
            "let '{0}' is already defined; rename or remove one");
        public static readonly DiagnosticDescriptor LetNameTaken = new("DST0107", Error, "let name taken",
            "let '{0}' would hide the {1} '{0}'; choose another name");

        public static readonly DiagnosticDescriptor WrongArgumentType = new("DST0201", Error, "wrong argument type",
            "'{0}' of '{1}' takes {2}, not {3}");
        public static readonly DiagnosticDescriptor ArgumentOutOfRange = new("DST0202", Error, "argument out of range",
            "'{0}' must be {2} for '{1}', got {3}");
        public static readonly DiagnosticDescriptor MissingArgument = new("DST0203", Error, "missing required argument",
            "'{0}' needs the argument '{1}'; add '{1} = ...'");
        public static readonly DiagnosticDescriptor DuplicateArgument = new("DST0204", Error, "duplicate argument",
            "'{0}' is given twice to '{1}'; remove one");
        public static readonly DiagnosticDescriptor MissingAlternative = new("DST0205", Error, "missing alternative",
            "'{0}' needs exactly one of {1}; add one of them");
        public static readonly DiagnosticDescriptor ConflictingAlternatives = new("DST0206", Error, "conflicting alternatives",
            "'{0}' and '{1}' of '{2}' are alternatives; give only one");
        public static readonly DiagnosticDescriptor UnknownTap = new("DST0207", Error, "unknown tap",
            "unknown tap '{0}' for '{1}' of '{2}'{3}");

        public static readonly DiagnosticDescriptor TermTimesTerm = new("DST0301", Error, "term times term",
            "a loss term times a loss term is not a weighted sum; multiply a term by numbers and at most one schedule");
        public static readonly DiagnosticDescriptor TermDividedByTerm = new("DST0302", Error, "division by a term",
            "cannot divide by the {0} '{1}'; divide only by numbers");
        public static readonly DiagnosticDescriptor NumberDividedByTerm = new("DST0303", Error, "number divided by a term",
            "cannot divide a number by the {0} '{1}'; write the weight as a factor instead");
        public static readonly DiagnosticDescriptor ScheduleAlone = new("DST0304", Error, "schedule standing alone",
            "schedule '{0}' is not a loss; multiply it with a term, e.g. '{0}(...) * kd'");
        public static readonly DiagnosticDescriptor ScheduleTimesSchedule = new("DST0305", Error, "two schedules",
            "a weight has at most one schedule, but '{0}' also has '{1}'; keep one");
        public static readonly DiagnosticDescriptor NoLossTerm = new("DST0306", Error, "no loss term",
            "the recipe has no loss term; write a weighted sum such as 'ce + 0.9 * kd'");
        public static readonly DiagnosticDescriptor DivisionByZero = new("DST0307", Error, "division by zero",
            "division by zero; divide by a non-zero number");
        public static readonly DiagnosticDescriptor NumberOverflow = new("DST0308", Error, "number overflow",
            "this value is too large to represent; use smaller numbers");
        public static readonly DiagnosticDescriptor LetHoldsTerm = new("DST0309", Error, "let holds a term",
            "let '{0}' must be a number, but it holds the {1} '{2}'; write terms in the loss expression");
        public static readonly DiagnosticDescriptor NumberAlone = new("DST0310", Error, "number standing alone",
            "a number alone adds a constant to the loss; multiply it with a term, e.g. {0} * kd");

        public static readonly DiagnosticDescriptor UnusedLet = new("DST0401", Warning, "unused let",
            "let '{0}' is never used; remove it");
        public static readonly DiagnosticDescriptor DuplicateTerm = new("DST0402", Warning, "duplicate term",
            "'{0}' appears more than once; its weights are added ({1}); write it once");

        public static readonly DiagnosticDescriptor InternalError = new("DST9999", Error, "internal error",
            "internal error in the recipe compiler: {0}; please report it");

        /// <summary>Every descriptor, in id order.</summary>
        public static readonly EquatableArray<DiagnosticDescriptor> All = EquatableArray.Create(
            SyntaxError, NumberTooLarge, NestingTooDeep, LetAfterExpression,
            UnknownTerm, UnknownParameter, UnknownSchedule, UndefinedLet, CyclicLet, DuplicateLet, LetNameTaken,
            WrongArgumentType, ArgumentOutOfRange, MissingArgument, DuplicateArgument, MissingAlternative, ConflictingAlternatives, UnknownTap,
            TermTimesTerm, TermDividedByTerm, NumberDividedByTerm, ScheduleAlone, ScheduleTimesSchedule, NoLossTerm,
            DivisionByZero, NumberOverflow, LetHoldsTerm, NumberAlone,
            UnusedLet, DuplicateTerm,
            InternalError);
    }
}
