using System.Text;
using Modelship.Api.Conditions;

namespace Modelship.Cli.Client;

/// <summary>The Conditions section of `get`: TYPE, STATUS, REASON, AGE, MESSAGE (pure).</summary>
public static class ConditionsBlock
{
    public static void Append(StringBuilder text, IReadOnlyList<Condition>? conditions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (conditions is null or { Count: 0 })
        {
            text.Append("Conditions:  ").Append(TextTable.None).Append('\n');
            return;
        }
        text.Append("Conditions:\n").Append(TextTable.Format(
            ["TYPE", "STATUS", "REASON", "AGE", "MESSAGE"],
            conditions.Select(c => (IReadOnlyList<string>)
            [
                c.Type, c.Status.ToString(), c.Reason, Age.Format(now - c.LastTransitionTime < TimeSpan.Zero ? TimeSpan.Zero : now - c.LastTransitionTime), c.Message ?? "",
            ]),
            "  "));
    }
}
