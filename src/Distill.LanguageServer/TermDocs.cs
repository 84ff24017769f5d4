using System.Linq;
using System.Text;
using Distill.Dsl;
using Distill.Dsl.Catalogue;
using Distill.Dsl.Costs;

namespace Distill.LanguageServer;

/// <summary>The catalogue as the editor shows it (hover, completion details): one place, so every feature says the same.</summary>
internal static class TermDocs
{
    /// <summary>"number = 4, &gt; 0", "one of mean, sum = mean", "tap = embedding", "integer, required".</summary>
    public static string Detail(ParamSpec p)
    {
        string type = p.Kind switch
        {
            ParamKind.Number => "number",
            ParamKind.Integer => "integer",
            ParamKind.Bool => "true | false",
            ParamKind.Enum => string.Join(" | ", p.EnumValues),
            _ => "tap",
        };
        string value = p.Default is { } d ? $" = {d}" : p.Group is { } g ? $" (one of group '{g}')" : ", required";
        string range = p.Kind is ParamKind.Number or ParamKind.Integer && (p.Min is not null || p.Max is not null) ? ", " + p.DescribeRange() : "";
        return type + value + range;
    }

    public static string Parameter(string owner, ParamSpec p)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(p.Name).Append("** — parameter of `").Append(owner).Append("`\n\n");
        sb.Append('`').Append(p.Name).Append(": ").Append(Detail(p)).Append("`\n\n");
        if (p.Description.Length > 0) sb.Append(p.Description).Append('\n');
        return sb.ToString();
    }

    public static string Term(TermSpec term)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(term.Name).Append("** — loss term (`").Append(term.ClrType).Append("`)\n\n");
        if (term.Description.Length > 0) sb.Append(term.Description).Append("\n\n");
        if (term.Paper.Length > 0) sb.Append("Paper: ").Append(term.Paper).Append("\n\n");
        AppendParameters(sb, term.Parameters);
        sb.Append("Inputs:\n");
        foreach (var input in term.Inputs)
        {
            string name = input.TapParameter is null ? InputNames.Of(input.Role, input.Tap) : InputNames.Pascal(input.Role) + "⟨" + input.TapParameter + "⟩";
            sb.Append("- `").Append(name).Append('`');
            if (input.Description.Length > 0) sb.Append(": ").Append(input.Description);
            sb.Append('\n');
        }
        if (TermCosts.Estimate(term.Name, CostSize.Reference) is { } cost)
        {
            var size = CostSize.Reference;
            sb.Append("\nCost at N = ").Append(size.Batch).Append(", D = ").Append(size.Dim).Append(", C = ").Append(size.Classes)
                .Append(" (forward and backward; `distill explain <recipe> --batch N --dim D` for another size): ")
                .Append(TermCosts.Describe(cost)).Append('\n');
        }
        return sb.ToString();
    }

    public static string Schedule(ScheduleSpec schedule)
    {
        var sb = new StringBuilder();
        sb.Append("**").Append(schedule.Name).Append("** — weight schedule (`").Append(schedule.ClrType).Append("`)\n\n");
        if (schedule.Description.Length > 0) sb.Append(schedule.Description).Append("\n\n");
        AppendParameters(sb, schedule.Parameters);
        return sb.ToString();
    }

    /// <summary>The call as a signature: <c>kd(T: number = 4, &gt; 0)</c>.</summary>
    public static string Signature(string name, EquatableArray<ParamSpec> parameters) =>
        name + "(" + string.Join(", ", parameters.Select(p => p.Name + ": " + Detail(p))) + ")";

    private static void AppendParameters(StringBuilder sb, EquatableArray<ParamSpec> parameters)
    {
        if (parameters.Count == 0) return;
        sb.Append("Parameters:\n");
        foreach (var p in parameters)
        {
            sb.Append("- `").Append(p.Name).Append(": ").Append(Detail(p)).Append('`');
            if (p.Description.Length > 0) sb.Append(" — ").Append(p.Description);
            sb.Append('\n');
        }
        sb.Append('\n');
    }
}
