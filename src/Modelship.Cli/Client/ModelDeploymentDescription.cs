using System.Globalization;
using System.Text;
using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Cli.Client;

/// <summary>
/// `modelship deployments get NAME`: phase, endpoint, the champion (declared and active), the challengers and shadows
/// with their weights, and the conditions (pure). The traffic is the router's (status.traffic) once the operator
/// reported it, else the declared split (spec), labelled as such.
/// </summary>
public static class ModelDeploymentDescription
{
    public static string Format(MD deployment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var status = deployment.Status;
        var text = new StringBuilder();
        Field(text, "Name", deployment.Metadata.Name);
        Field(text, "Namespace", deployment.Metadata.NamespaceProperty);
        Field(text, "Age", Age.Format(deployment.Metadata.CreationTimestamp, now));
        Field(text, "Phase", status?.Phase?.ToString());
        Field(text, "Endpoint", status?.Endpoint);
        Field(text, "Model", $"{deployment.Spec.Model.Version} ({deployment.Spec.Model.Uri})");
        Field(text, "Active", status?.ActiveModel is { } active ? $"{active.Version} ({active.Uri})" : null);
        Field(text, "Pending", status?.PendingModel is { } pending ? $"{pending.Version} ({pending.Uri})" : null);
        Field(text, "Generation", Observed(deployment.Metadata.Generation, status?.ObservedGeneration));
        if (status?.Traffic is { Count: > 0 } traffic)
        {
            text.Append("Traffic (applied by the router):\n").Append(TextTable.Format(
                ["NAME", "VERSION", "ROLE", "WEIGHT"],
                traffic.Select(b => (IReadOnlyList<string>)[b.Name, b.Version, Role(b.Role), Weight(b.Role, b.Weight)]),
                "  "));
        }
        else
        {
            text.Append("Traffic (declared):\n").Append(TextTable.Format(["NAME", "VERSION", "ROLE", "WEIGHT"], Declared(deployment.Spec), "  "));
        }
        ConditionsBlock.Append(text, status?.Conditions, now);
        return text.ToString();
    }

    /// <summary>The champion takes what the challengers leave; shadows get a copy.</summary>
    private static IEnumerable<IReadOnlyList<string>> Declared(ModelDeploymentSpec spec)
    {
        var challengers = spec.Traffic?.Challengers ?? [];
        var championWeight = Math.Max(0, 100 - challengers.Sum(c => c.Weight));
        yield return ["champion", spec.Model.Version, Role(TrafficRole.Champion), Weight(TrafficRole.Champion, championWeight)];
        foreach (var challenger in challengers)
        {
            yield return [challenger.Name, challenger.Model.Version, Role(TrafficRole.Challenger), Weight(TrafficRole.Challenger, challenger.Weight)];
        }
        foreach (var shadow in spec.Traffic?.Shadows ?? [])
        {
            yield return [shadow.Name, shadow.Model.Version, Role(TrafficRole.Shadow), Weight(TrafficRole.Shadow, 0)];
        }
    }

    private static string Role(TrafficRole role) => role.ToString().ToLowerInvariant();

    private static string Weight(TrafficRole role, int weight) =>
        role == TrafficRole.Shadow ? "copy" : string.Create(CultureInfo.InvariantCulture, $"{weight}%");

    internal static string? Observed(long? generation, long? observed) =>
        generation is null ? null : string.Create(CultureInfo.InvariantCulture, $"{generation} (observed {(observed is { } o ? o.ToString(CultureInfo.InvariantCulture) : "none")})");

    internal static void Field(StringBuilder text, string name, string? value) =>
        text.Append((name + ":").PadRight(13)).Append(string.IsNullOrEmpty(value) ? TextTable.None : value).Append('\n');
}
