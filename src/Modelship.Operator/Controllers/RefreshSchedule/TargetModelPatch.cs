using System.Text.Json.Nodes;
using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>
/// The JSON merge patch that makes a candidate the target ModelDeployment's champion: spec.model's uri, version and
/// sha256 (removed when the registry knows none, so an old digest never fails the new file), and
/// spec.replacement.reason SCHEDULED_REFRESH, which the ModelDeployment records in status.history. Every other field
/// of the spec (format, runtime, rollout, traffic...) is left as its owner wrote it; the ModelDeployment controller
/// then replaces the champion with zero downtime as its spec.rollout says.
/// </summary>
public static class TargetModelPatch
{
    /// <summary>The field manager the patch is recorded under in the target's managedFields.</summary>
    public const string FieldManager = "modelship-refresh";

    public const string ScheduledRefreshReason = "SCHEDULED_REFRESH";

    public static JsonObject Build(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["model"] = new JsonObject
                {
                    ["uri"] = model.Uri,
                    ["version"] = model.Version,
                    ["sha256"] = model.Sha256,
                },
                ["replacement"] = new JsonObject { ["reason"] = ScheduledRefreshReason },
            },
        };
    }
}
