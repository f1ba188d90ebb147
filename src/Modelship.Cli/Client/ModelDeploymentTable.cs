using System.Globalization;
using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.Cli.Client;

/// <summary>`modelship deployments list`: NAME, PHASE, MODEL VERSION, TRAFFIC, AGE (pure).</summary>
public static class ModelDeploymentTable
{
    public static readonly IReadOnlyList<string> Header = ["NAME", "PHASE", "MODEL VERSION", "TRAFFIC", "AGE"];

    public static string Format(IEnumerable<MD> deployments, DateTimeOffset now) =>
        TextTable.Format(Header, deployments.Select(d => Row(d, now)));

    public static IReadOnlyList<string> Row(MD deployment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return
        [
            deployment.Metadata.Name ?? "",
            deployment.Status?.Phase?.ToString() ?? TextTable.None,
            deployment.Status?.ModelSummary ?? deployment.Spec.Model.Version,
            Traffic(deployment.Status?.Traffic),
            Age.Format(deployment.Metadata.CreationTimestamp, now),
        ];
    }

    /// <summary>The split the router applies: <c>v1 80%, v2 20%, v3 shadow</c>; <c>&lt;none&gt;</c> before the operator reported one.</summary>
    public static string Traffic(IReadOnlyList<TrafficBackendStatus>? traffic) => traffic is null or { Count: 0 }
        ? TextTable.None
        : string.Join(", ", traffic.Select(b => b.Role == TrafficRole.Shadow
            ? $"{b.Version} shadow"
            : string.Create(CultureInfo.InvariantCulture, $"{b.Version} {b.Weight}%")));
}
